#pragma once
/// The user guide that ships inside the program (resources/guide, a Qt resource), opened by
/// F1 and Help ▸ User Guide in a window of its own beside the workbench.
#include <QDialog>
#include <QUrl>

class QTextBrowser;

namespace mltrl::ui {

class UserGuide : public QDialog {
    Q_OBJECT
public:
    /// qrc:/guide/index.html
    [[nodiscard]] static QUrl url();

    explicit UserGuide(QWidget *parent = nullptr);
    [[nodiscard]] QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace mltrl::ui
