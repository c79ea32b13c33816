#include "ui/library/WelcomeView.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
QLabel *note(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    l->setPalette(p);
    return l;
}
} // namespace

WelcomeView::WelcomeView(QWidget *parent)
      : QWidget(parent), m_example(new QPushButton(tr("Open the bundled example"), this)),
        m_open(new QPushButton(tr("Open an archive…"), this)),
        m_key(new QPushButton(tr("Create or choose your signing key…"), this)),
        m_guide(new QPushButton(tr("Read the user guide (F1)"), this)),
        m_exampleNote(note(tr("A chest X-ray triage model at level 5, in two revisions, so every panel "
                              "— the Changes panel too — has something to show."),
                           this)),
        m_keyStatus(note(QString(), this))
{
    setObjectName(QStringLiteral("firstRunView"));
    m_example->setObjectName(QStringLiteral("firstRunExample"));
    m_open->setObjectName(QStringLiteral("firstRunOpen"));
    m_key->setObjectName(QStringLiteral("firstRunKey"));
    m_guide->setObjectName(QStringLiteral("firstRunGuide"));
    m_keyStatus->setObjectName(QStringLiteral("firstRunKeyStatus"));
    m_example->setDefault(true);
    m_example->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_open->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_key->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    m_guide->setIcon(style()->standardIcon(QStyle::SP_DialogHelpButton));

    auto *title = new QLabel(tr("<h1>Welcome to MLTRL Workbench</h1>"), this);
    auto *about =
        new QLabel(tr("The workbench is for reviewing a machine-learning project against its Machine Learning "
                      "Technology Readiness Level (MLTRL) gates: open the archive the project team exported, read its "
                      "evidence, metrics and requirements, and decide each gate criterion. You sign the decision with "
                      "your own key, and everything stays on this computer — nothing goes over the network."),
                   this);
    about->setObjectName(QStringLiteral("firstRunAbout"));
    about->setWordWrap(true);

    auto *steps = new QGridLayout;
    steps->setHorizontalSpacing(16);
    steps->setVerticalSpacing(10);
    const auto addStep = [&](int row, QPushButton *button, QLabel *text) {
        button->setMinimumWidth(260);
        button->setMinimumHeight(34);
        steps->addWidget(button, row, 0, Qt::AlignTop);
        steps->addWidget(text, row, 1, Qt::AlignVCenter);
    };
    addStep(0, m_example, m_exampleNote);
    addStep(1, m_open,
            note(tr("A .mltrl, .zip, .tar or .tar.gz file, or a folder (File ▸ Open…, Ctrl+O). "
                    "Or drop an archive anywhere on this window."),
                 this));
    addStep(2, m_key, m_keyStatus);
    addStep(3, m_guide,
            note(tr("Help ▸ User Guide: the panels, reviewing and signing, meeting mode, the keys. "
                    "It ships with the program and opens offline."),
                 this));
    steps->setColumnStretch(1, 1);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(about);
    column->addSpacing(18);
    column->addLayout(steps);
    column->addStretch(1);
    auto *columnHost = new QWidget(this);
    columnHost->setLayout(column);
    columnHost->setMaximumWidth(820);

    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(24, 24, 24, 24);
    outer->addStretch(1);
    outer->addWidget(columnHost, 12);
    outer->addStretch(1);

    connect(m_example, &QPushButton::clicked, this, &WelcomeView::exampleRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomeView::openRequested);
    connect(m_key, &QPushButton::clicked, this, &WelcomeView::keyRequested);
    connect(m_guide, &QPushButton::clicked, this, &WelcomeView::guideRequested);
}

void WelcomeView::setExampleAvailable(bool available, const QString &why)
{
    m_example->setEnabled(available);
    m_example->setToolTip(available ? QString() : why);
    if (!available)
        m_exampleNote->setText(why);
}

void WelcomeView::setKeyStatus(const QString &text)
{
    m_keyStatus->setText(text);
}

} // namespace mltrl::ui
