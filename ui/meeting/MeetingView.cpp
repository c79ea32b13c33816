#include "ui/meeting/MeetingView.h"

#include "ui/meeting/LevelDialog.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/MeetingSlides.h"
#include "ui/meeting/NoteDialog.h"
#include "ui/review/ReviewChecks.h"
#include "ui/session/ProjectContext.h"

#include <QCursor>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QStackedWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace mltrl::ui {

namespace {

/// What the projector shows while blanked: black, painted by the widget itself (not left to
/// background filling, which a widget marked opaque may skip when the view is grabbed or
/// composed), and kept above every sibling.
class BlankScreen final : public QWidget {
public:
    explicit BlankScreen(QWidget *parent) : QWidget(parent)
    {
        setObjectName(QStringLiteral("blankScreen"));
        setAttribute(Qt::WA_OpaquePaintEvent);
        setCursor(Qt::BlankCursor);
    }

protected:
    void paintEvent(QPaintEvent *) override { QPainter(this).fillRect(rect(), Qt::black); }
};

} // namespace

using meeting::Text;

QString clockText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

MeetingView::MeetingView(MeetingSession *session, QWidget *parent)
      : QWidget(parent), m_session(session), m_header(new QLabel(this)), m_position(new QLabel(this)),
        m_keys(new QLabel(this)), m_timer(new QLabel(this)), m_stack(new QStackedWidget(this)),
        m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("meetingView"));
    setWindowTitle(QStringLiteral("Review meeting — %1").arg(QString::fromStdString(session->gate().title)));
    setAutoFillBackground(true);
    setPalette(meeting::Style::palette());
    setFocusPolicy(Qt::StrongFocus);
    m_header->setObjectName(QStringLiteral("meetingHeader"));
    m_position->setObjectName(QStringLiteral("meetingPosition"));
    m_keys->setObjectName(QStringLiteral("meetingKeys"));
    m_timer->setObjectName(QStringLiteral("meetingTimer"));
    m_keys->setStyleSheet(QStringLiteral("color:#333333"));
    // Long lines never widen the window beyond the projector's 1280 pixels.
    m_keys->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stack->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_position);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_keys, 1);
    bottom->addWidget(m_timer);
    auto *rule = new QWidget(this);
    rule->setFixedHeight(3);
    rule->setAutoFillBackground(true);
    QPalette p = rule->palette();
    p.setColor(QPalette::Window, QColor(0x00, 0x48, 0x8C));
    rule->setPalette(p);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *topBox = new QWidget(this);
    topBox->setLayout(top);
    auto *bottomBox = new QWidget(this);
    bottomBox->setLayout(bottom);
    layout->addWidget(topBox);
    layout->addWidget(rule);
    layout->addWidget(m_stack, 1);
    layout->addWidget(bottomBox);
    m_stack->setFocusPolicy(Qt::NoFocus);

    connect(m_ticker, &QTimer::timeout, this, &MeetingView::tick);
    connect(this, &MeetingView::tick, this, &MeetingView::updateTimer);
    m_ticker->start(1000);
    connect(session, &MeetingSession::draftChanged, this, &MeetingView::refreshBuilt);
    connect(session, &MeetingSession::annotationsChanged, this, &MeetingView::refreshBuilt);

    m_askNote = [this](QWidget *parentWidget, const QString &title, const QString &text) -> std::optional<QString> {
        NoteDialog dialog(title, text, m_style.px(24), parentWidget);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.text();
    };
    m_askLevel = [this](QWidget *parentWidget, const QString &title, int lowest, int highest,
                        int value) -> std::optional<int> {
        LevelDialog dialog(title, lowest, highest, value, m_style.px(28), parentWidget);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.level();
    };
    resize(1280, 720);
    updateChrome();
    goTo(0);
}

int MeetingView::slideCount() const
{
    return static_cast<int>(m_session->agenda().size());
}

MeetingSlide *MeetingView::currentSlide() const
{
    return builtSlide(m_index);
}

MeetingSlide *MeetingView::builtSlide(int index) const
{
    const auto it = m_slides.find(index);
    return it == m_slides.end() ? nullptr : it->second;
}

MeetingSlide *MeetingView::ensureBuilt(int index)
{
    if (MeetingSlide *slide = builtSlide(index))
        return slide;
    MeetingSlide *slide = createSlide(m_session, m_style, index, m_stack);
    // Keys belong to the meeting, never to a plot or a viewer inside a slide.
    slide->setFocusPolicy(Qt::NoFocus);
    for (QWidget *child : slide->findChildren<QWidget *>())
        child->setFocusPolicy(Qt::NoFocus);
    m_stack->addWidget(slide);
    m_slides[index] = slide;
    return slide;
}

void MeetingView::dropSlides()
{
    for (auto &[index, slide] : m_slides) {
        m_stack->removeWidget(slide);
        slide->deleteLater();
    }
    m_slides.clear();
}

void MeetingView::goTo(int index)
{
    if (index < 0 || index >= slideCount())
        return;
    m_stack->setCurrentWidget(ensureBuilt(index));
    if (index != m_index) {
        m_index = index;
        m_session->enterSlide(index);
    }
    updateChrome();
    setFocus();
    emit slideChanged(index);
    // Build the next slide while the room looks at this one, so stepping on is instant.
    if (m_prebuild && index + 1 < slideCount() && !builtSlide(index + 1))
        QTimer::singleShot(0, this, [this, index] {
            if (m_index == index && index + 1 < slideCount())
                ensureBuilt(index + 1);
        });
}

void MeetingView::next()
{
    goTo(m_index + 1);
}

void MeetingView::previous()
{
    goTo(m_index - 1);
}

void MeetingView::jumpToDecision()
{
    goTo(m_session->decisionIndex());
}

void MeetingView::setTimerVisible(bool visible)
{
    m_timer->setVisible(visible);
}

void MeetingView::updateChrome()
{
    const QFont small = m_style.font(Text::Small);
    for (QLabel *l : {m_header, m_position, m_keys, m_timer})
        l->setFont(small);
    const int margin = m_style.px(16);
    m_header->setContentsMargins(margin, m_style.px(6), 0, m_style.px(6));
    m_position->setContentsMargins(0, 0, margin, 0);
    m_keys->setContentsMargins(margin, m_style.px(4), 0, m_style.px(6));
    m_timer->setContentsMargins(0, 0, margin, 0);
    const RevisionData &r = m_session->revision();
    m_header->setText(QStringLiteral("<b>%1</b> · %2 · rev %3")
                          .arg(QString::fromStdString(m_session->gate().title).toHtmlEscaped(),
                               QString::fromStdString(r.overview.id).toHtmlEscaped())
                          .arg(r.overview.revision));
    m_position->setText(QStringLiteral("%1 / %2").arg(m_index + 1).arg(slideCount()));
    // The keys that do something on this slide.
    const bool decision = m_index == m_session->decisionIndex();
    // B or . blanks the projector on every slide, as presentation programs do.
    m_keys->setText(
        decision
            ? QStringLiteral("1–4 outcome · T to level · C conditions · N rationale · ← back · B/. blank · Esc leave")
            : QStringLiteral(
                  "Space/→ next · ← back · 1–4 verdict · N note · A annotate · D decision · B/. blank · Esc leave"));
    updateTimer();
}

void MeetingView::updateTimer()
{
    m_timer->setText(QStringLiteral("Time %1 · this slide %2")
                         .arg(clockText(m_session->totalElapsed()), clockText(m_session->elapsedOn(m_index))));
}

void MeetingView::refreshBuilt()
{
    for (auto &[index, slide] : m_slides)
        slide->refresh();
}

void MeetingView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_blank)
        m_blank->setGeometry(rect());
    // Type follows the screen: rebuild the slides when the height changes the scale.
    const meeting::Style style(height());
    if (std::abs(style.scale() - m_style.scale()) < 0.05)
        return;
    m_style = style;
    dropSlides();
    updateChrome();
    if (m_index >= 0)
        goTo(m_index);
}

void MeetingView::numberKey(int key)
{
    MeetingSlide *slide = currentSlide();
    if (!slide)
        return;
    const AgendaItem &item = slide->item();
    if (item.kind == AgendaItem::Kind::Criterion) {
        const Criterion &c = m_session->gate().criteria.at(static_cast<std::size_t>(item.criterion));
        m_session->setVerdict(c.id, meeting::verdictForKey(key));
    } else if (item.kind == AgendaItem::Kind::Decision) {
        const QString outcome = meeting::outcomeForKey(key);
        if (!m_session->setOutcome(outcome))
            return;
        // An outcome that cannot be signed without more asks for it at once.
        const ReviewDraft &draft = m_session->draft();
        if (outcome == QLatin1String("switchback") && !draft.toLevel)
            levelKey();
        else if (outcome == QLatin1String("advance_with_conditions") && draft.conditions.empty())
            conditionsKey();
    }
}

void MeetingView::suggestionKey(bool all)
{
    // G1: a suggestion becomes a verdict only by this explicit key — S on a criterion's slide
    // accepts that one; Shift+S, or S on the decision slide, accepts every remaining one.
    MeetingSlide *slide = currentSlide();
    if (!slide)
        return;
    const AgendaItem &item = slide->item();
    if (!all && item.kind == AgendaItem::Kind::Criterion) {
        const Criterion &c = m_session->gate().criteria.at(static_cast<std::size_t>(item.criterion));
        m_session->acceptSuggestion(c.id);
        return;
    }
    if (all || item.kind == AgendaItem::Kind::Decision)
        m_session->acceptAllSuggestions();
}

void MeetingView::levelKey()
{
    MeetingSlide *slide = currentSlide();
    if (!slide || slide->item().kind != AgendaItem::Kind::Decision || !m_askLevel)
        return;
    // A switchback goes below the gate's level; one step down is the usual answer.
    const int below = m_session->gate().level - 1;
    if (below < 0)
        return;
    const ReviewDraft &draft = m_session->draft();
    const auto level =
        m_askLevel(this, QStringLiteral("Switch back to level"), 0, below, draft.toLevel.value_or(below));
    if (level)
        m_session->setToLevel(*level);
    setFocus();
}

void MeetingView::conditionsKey()
{
    MeetingSlide *slide = currentSlide();
    if (!slide || slide->item().kind != AgendaItem::Kind::Decision || !m_askNote)
        return;
    QStringList lines;
    for (const std::string &c : m_session->draft().conditions)
        lines << QString::fromStdString(c);
    const auto text =
        m_askNote(this, QStringLiteral("Conditions of the advance (one per line)"), lines.join(QLatin1Char('\n')));
    if (text) {
        const std::vector<std::string> conditions = conditionLines(*text);
        if (conditions != m_session->draft().conditions)
            m_session->setConditions(conditions);
    }
    setFocus();
}

void MeetingView::noteKey()
{
    MeetingSlide *slide = currentSlide();
    if (!slide || !m_askNote)
        return;
    const AgendaItem &item = slide->item();
    const ReviewDraft &draft = m_session->draft();
    if (item.kind == AgendaItem::Kind::Criterion) {
        const Criterion &c = m_session->gate().criteria.at(static_cast<std::size_t>(item.criterion));
        const DraftVerdict *row = draft.verdictFor(c.id);
        const auto text = m_askNote(this, QStringLiteral("Note on %1").arg(QString::fromStdString(c.id)),
                                    row ? QString::fromStdString(row->note) : QString());
        if (text)
            m_session->setNote(c.id, *text);
    } else if (item.kind == AgendaItem::Kind::Decision) {
        const auto text =
            m_askNote(this, QStringLiteral("Rationale of the decision"), QString::fromStdString(draft.rationale));
        if (text)
            m_session->setRationale(*text);
    }
    setFocus();
}

void MeetingView::setBlank(bool blank)
{
    if (!m_blank) {
        m_blank = new BlankScreen(this);
        m_blank->hide();
    }
    m_blank->setGeometry(rect());
    m_blank->setVisible(blank);
    if (blank)
        m_blank->raise();
    setFocus();
}

bool MeetingView::isBlank() const
{
    return m_blank && !m_blank->isHidden();
}

void MeetingView::keyPressEvent(QKeyEvent *event)
{
    QUndoStack *undo = m_session->context()->undoStack();
    if (event->matches(QKeySequence::Undo)) {
        undo->undo();
        return;
    }
    if (event->matches(QKeySequence::Redo)) {
        undo->redo();
        return;
    }
    if (isBlank()) {
        // As presentation programs do: any key (Shift and the like aside) returns to the slide.
        if (event->key() != Qt::Key_Shift && event->key() != Qt::Key_Control && event->key() != Qt::Key_Alt &&
            event->key() != Qt::Key_Meta)
            setBlank(false);
        return;
    }
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_B:
    case Qt::Key_Period:
        setBlank(true);
        return;
    case Qt::Key_Space:
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Down:
        next();
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Up:
    case Qt::Key_Backspace:
        previous();
        return;
    case Qt::Key_Home:
        goTo(0);
        return;
    case Qt::Key_End:
    case Qt::Key_D:
        jumpToDecision();
        return;
    case Qt::Key_0:
    case Qt::Key_1:
    case Qt::Key_2:
    case Qt::Key_3:
    case Qt::Key_4:
        numberKey(event->key() - Qt::Key_0);
        return;
    case Qt::Key_N:
        noteKey();
        return;
    case Qt::Key_S:
        suggestionKey(event->modifiers() & Qt::ShiftModifier);
        return;
    case Qt::Key_T:
        levelKey();
        return;
    case Qt::Key_C:
        conditionsKey();
        return;
    case Qt::Key_A:
        if (m_annotate && currentSlide())
            m_annotate(currentSlide()->annotationTarget());
        setFocus();
        return;
    case Qt::Key_Escape:
        emit leaveRequested();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace mltrl::ui
