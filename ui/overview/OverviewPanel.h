#pragma once
/// Where the project stands: name, domain, summary (Markdown), people and links, the MLTRL
/// track, the level history and the components.
#include "ui/common/ArchiveTextBrowser.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTextBrowser;

namespace mltrl::ui {

class ComponentsModel;
class HistoryPlot;
class MltrlTrackWidget;
class ProjectContext;

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(ProjectContext *context, QWidget *parent = nullptr);

    [[nodiscard]] MltrlTrackWidget *track() const { return m_track; }
    [[nodiscard]] HistoryPlot *history() const { return m_history; }
    [[nodiscard]] ComponentsModel *componentsModel() const { return m_components; }
    [[nodiscard]] QTableView *componentsView() const { return m_componentsView; }
    [[nodiscard]] ArchiveTextBrowser *summary() const { return m_summary; }
    /// "DICOM files that identify a patient (N): path, …", hidden when there are none.
    [[nodiscard]] QLabel *identified() const { return m_identified; }

protected:
    /// Shows the selected component in the Inspector again (the window shows the revision's
    /// facts whenever the reviewer switches panels).
    void showEvent(QShowEvent *event) override;

private:
    void showRevision();
    void settleLayout();
    void inspectComponent(int row);

    ProjectContext *m_context = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_identified = nullptr;
    ArchiveTextBrowser *m_summary = nullptr;
    QLabel *m_people = nullptr;
    QLabel *m_links = nullptr;
    MltrlTrackWidget *m_track = nullptr;
    HistoryPlot *m_history = nullptr;
    ComponentsModel *m_components = nullptr;
    QTableView *m_componentsView = nullptr;
};

} // namespace mltrl::ui
