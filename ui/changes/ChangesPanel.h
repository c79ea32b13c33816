#pragma once
/// The "Changes" panel: what changed between two revisions (by default since the user's last
/// signed review), filterable by kind, level and "only what my reviews bound"; the selected
/// change's diff (lines for text, pages for PDFs, both images side by side); and the reviews
/// of the older revision the changes make stale.
#include "ui/changes/ChangesModel.h"
#include "ui/common/BackgroundJob.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace mltrl::ui {

class ProjectContext;

class ChangesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChangesPanel(ProjectContext *context, QWidget *parent = nullptr);
    ~ChangesPanel() override;

    /// Compares revision `from` with `to` (loaded off the UI thread; `diffReady()` follows).
    void compare(int from, int to);

    [[nodiscard]] ChangesModel *model() const { return m_model; }
    [[nodiscard]] ChangesFilter *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QComboBox *fromPicker() const { return m_from; }
    [[nodiscard]] QComboBox *toPicker() const { return m_to; }
    [[nodiscard]] QComboBox *kindFilter() const { return m_kind; }
    [[nodiscard]] QComboBox *levelFilter() const { return m_level; }
    [[nodiscard]] QCheckBox *onlyBound() const { return m_onlyBound; }
    [[nodiscard]] QLabel *summary() const { return m_summary; }
    [[nodiscard]] QLabel *reviewsLabel() const { return m_reviews; }
    /// The detail view: the text diff, or the two images.
    [[nodiscard]] QTextBrowser *detailText() const { return m_detail; }
    [[nodiscard]] QLabel *oldImage() const { return m_oldImage; }
    [[nodiscard]] QLabel *newImage() const { return m_newImage; }
    [[nodiscard]] bool showsImages() const;
    [[nodiscard]] bool busy() const { return m_diffJob || m_detailJob; }

    /// Selects the change that shows the panel at its best: the first changed text evidence (its
    /// line diff), else the first change. False when there is nothing to select.
    bool selectShowcaseChange();
    /// The screenshot tour's hook (ScreenshotTour): selects the showcase change.
    Q_INVOKABLE void prepareForScreenshot() { selectShowcaseChange(); }

signals:
    void diffReady();
    /// The detail of the selected change is on screen (after off-thread work, if any).
    void detailReady();

private:
    struct Loaded;
    void reload();
    void onPickersChanged();
    void onDiff(std::shared_ptr<Loaded> loaded);
    void showDetail();
    void showLines(const QString &title, const std::string &oldText, const std::string &newText);
    void showEvidenceBytes(const Change &change);
    void fillReviews();

    ProjectContext *m_context;
    ChangesModel *m_model;
    ChangesFilter *m_proxy;
    QTableView *m_table;
    QComboBox *m_from;
    QComboBox *m_to;
    QComboBox *m_kind;
    QComboBox *m_level;
    QCheckBox *m_onlyBound;
    QLabel *m_summary;
    QLabel *m_reviews;
    QStackedWidget *m_stack;
    QTextBrowser *m_detail;
    QLabel *m_oldImage;
    QLabel *m_newImage;
    std::shared_ptr<Loaded> m_loaded;
    QPointer<BackgroundJob> m_diffJob;
    QPointer<BackgroundJob> m_detailJob;
    int m_detailSerial = 0;
    bool m_filling = false;
};

} // namespace mltrl::ui
