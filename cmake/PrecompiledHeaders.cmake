# Precompiled headers for the Qt Widgets code and the tests: most of their compile time is spent
# parsing Qt's headers again (a GUI source includes some 25 of them), not our code; a PCH saves
# about 4 s of CPU per widgets source (docs/testing.md). The core library has none: its sources
# spend their time instantiating nlohmann_json and fmt templates, and loading a PCH made them
# slower, not faster.
#
# Each list holds only third-party headers, which never change between builds, so a PCH is
# rebuilt only when the compiler or flags change. Every source still includes what it uses
# (MLTRL_PCH=OFF builds without them, and so does the core library always).
#
# Usage: mltrl_precompile_headers(<target> ui|unit-test|gui-test [REUSE_FROM <target>])
# Targets of one kind with identical compile flags (the tests of each kind) share one PCH.

# Not a kind of its own (see above): the base of the others.
set(MLTRL_PCH_CORE
  <algorithm> <cstdint> <filesystem> <functional> <map> <memory> <optional> <set> <span>
  <string> <string_view> <vector>
  <fmt/format.h> <nlohmann/json.hpp>
  <QtCore/QByteArray> <QtCore/QObject> <QtCore/QString>)

set(MLTRL_PCH_UI ${MLTRL_PCH_CORE}
  <QtCore/QList> <QtCore/QPointer> <QtCore/QSortFilterProxyModel> <QtCore/QStringList>
  <QtCore/QThread>
  <QtGui/QAction> <QtGui/QColor> <QtGui/QPainter> <QtGui/QPixmap> <QtGui/QUndoStack>
  <QtWidgets/QComboBox> <QtWidgets/QDialog> <QtWidgets/QDialogButtonBox> <QtWidgets/QFormLayout>
  <QtWidgets/QHBoxLayout> <QtWidgets/QHeaderView> <QtWidgets/QLabel> <QtWidgets/QPlainTextEdit>
  <QtWidgets/QPushButton> <QtWidgets/QSplitter> <QtWidgets/QTableView> <QtWidgets/QTextBrowser>
  <QtWidgets/QToolButton> <QtWidgets/QVBoxLayout> <QtWidgets/QWidget>)

set(MLTRL_PCH_UNIT_TEST ${MLTRL_PCH_CORE} <QtCore/QDir> <QtCore/QFile> <QtCore/QTemporaryDir> <QtTest/QtTest>)

set(MLTRL_PCH_GUI_TEST ${MLTRL_PCH_UI} <QtCore/QTemporaryDir> <QtTest/QtTest> <QtTest/QSignalSpy>
  <QtTest/QAbstractItemModelTester> <QtWidgets/QApplication> <QtWidgets/QLineEdit>
  <QtWidgets/QListWidget> <QtWidgets/QTreeView>)

function(mltrl_precompile_headers target kind)
  if(NOT MLTRL_PCH)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "REUSE_FROM" "")
  if(arg_REUSE_FROM)
    target_precompile_headers(${target} REUSE_FROM ${arg_REUSE_FROM})
    return()
  endif()
  string(TOUPPER "${kind}" list)
  string(REPLACE "-" "_" list "${list}")
  if(NOT DEFINED MLTRL_PCH_${list})
    message(FATAL_ERROR "mltrl_precompile_headers: unknown kind '${kind}'")
  endif()
  target_precompile_headers(${target} PRIVATE ${MLTRL_PCH_${list}})
endfunction()
