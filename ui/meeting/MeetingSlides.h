#pragma once
/// The slides of a review meeting. Each is built once, on its first visit (or just ahead of
/// it), and refreshes its own parts when the review draft or the annotations change.
#include "ui/meeting/MeetingAgenda.h"
#include "ui/meeting/MeetingStyle.h"

#include <QRectF>
#include <QWidget>

#include <nlohmann/json.hpp>

class QLabel;

namespace mltrl {
struct Criterion;
}

namespace mltrl::ui {

class EvidenceViewer;
class MeetingSession;
class MetricPlot;
class MltrlTrackWidget;

class MeetingSlide : public QWidget {
    Q_OBJECT
public:
    [[nodiscard]] const AgendaItem &item() const { return m_item; }
    /// What "A" annotates while this slide is shown (archive target shape, §4).
    [[nodiscard]] virtual nlohmann::json annotationTarget() const;
    /// Re-reads what may have changed (draft, annotations) and updates the labels.
    virtual void refresh() {}

protected:
    MeetingSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent);
    /// A word-wrapped label in the meeting's type.
    QLabel *label(meeting::Text role, bool bold = false, const QString &objectName = {});

    MeetingSession *m_session;
    meeting::Style m_style;
    AgendaItem m_item;
};

/// Project, level, the gate, the MLTRL track with where the project stands and the
/// component(s) holding it back, and what the gate has in store.
class TitleSlide : public MeetingSlide {
    Q_OBJECT
public:
    TitleSlide(MeetingSession *session, const meeting::Style &style, QWidget *parent = nullptr);
    [[nodiscard]] MltrlTrackWidget *track() const { return m_track; }
    [[nodiscard]] QString summaryText() const;
    /// "At level 5 · target 8 · held back by ◆ classifier (level 5)".
    [[nodiscard]] QString standingText() const;
    void refresh() override;

private:
    MltrlTrackWidget *m_track = nullptr;
    QLabel *m_standing = nullptr;
    QLabel *m_summary = nullptr;
};

/// One criterion: text, threshold, observed value, suggested and chosen verdict, the note,
/// the metric plot with the threshold drawn and the first linked evidence (the one with an
/// open annotation first), opened at the annotated page.
class CriterionSlide : public MeetingSlide {
    Q_OBJECT
public:
    CriterionSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent = nullptr);

    [[nodiscard]] const Criterion &criterion() const;
    [[nodiscard]] MetricPlot *plot() const { return m_plot; }
    [[nodiscard]] EvidenceViewer *evidenceViewer() const { return m_viewer; }
    [[nodiscard]] QString evidenceId() const { return m_evidenceId; }
    /// The 1-based page the evidence was opened at (0: the start or not paged).
    [[nodiscard]] int evidencePage() const { return m_page; }
    /// The annotated region it was opened at (PDF points / image pixels; empty: none).
    [[nodiscard]] QRectF evidenceRegion() const { return m_region; }
    /// The annotation whose place was opened (empty: none).
    [[nodiscard]] QString evidenceAnnotation() const { return m_annotationId; }
    [[nodiscard]] QString factsText() const;
    nlohmann::json annotationTarget() const override;
    void refresh() override;

private:
    void addEvidence(QWidget *column);

    QLabel *m_facts = nullptr;
    QLabel *m_decision = nullptr;
    QLabel *m_remarks = nullptr;
    MetricPlot *m_plot = nullptr;
    EvidenceViewer *m_viewer = nullptr;
    QString m_evidenceId;
    QString m_annotationId;
    int m_page = 0;
    QRectF m_region;
};

/// The open blocker and major annotations of the revision, blockers first.
class AnnotationsSlide : public MeetingSlide {
    Q_OBJECT
public:
    AnnotationsSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent = nullptr);
    [[nodiscard]] QString listText() const;
    void refresh() override;

private:
    QLabel *m_list = nullptr;
};

/// Verdicts so far (criterion by criterion, with what each still needs), the outcome, the
/// switchback level, the conditions and the rationale, and what is still missing before the
/// reviewer can sign (the review form's checks).
class DecisionSlide : public MeetingSlide {
    Q_OBJECT
public:
    DecisionSlide(MeetingSession *session, const meeting::Style &style, AgendaItem item, QWidget *parent = nullptr);
    [[nodiscard]] QString verdictsText() const;
    [[nodiscard]] QString outcomeText() const;
    /// To level, conditions, rationale.
    [[nodiscard]] QString detailsText() const;
    /// "⚠ Before signing: …" or "✓ Ready to sign …".
    [[nodiscard]] QString missingText() const;
    void refresh() override;

private:
    QLabel *m_verdicts = nullptr;
    QLabel *m_outcome = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_missing = nullptr;
};

/// The slide for agenda entry `index` of the session.
[[nodiscard]] MeetingSlide *createSlide(MeetingSession *session, const meeting::Style &style, int index,
                                        QWidget *parent = nullptr);

} // namespace mltrl::ui
