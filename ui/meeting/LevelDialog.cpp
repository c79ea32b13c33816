#include "ui/meeting/LevelDialog.h"

#include "ui/common/Levels.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace mltrl::ui {

LevelDialog::LevelDialog(const QString &title, int lowest, int highest, int value, int pixelSize, QWidget *parent)
      : QDialog(parent), m_level(new QSpinBox(this))
{
    setObjectName(QStringLiteral("meetingLevelDialog"));
    setWindowTitle(title);
    QFont f = font();
    f.setPixelSize(pixelSize);
    setFont(f);
    auto *heading = new QLabel(title, this);
    heading->setWordWrap(true);
    auto *name = new QLabel(this);
    name->setWordWrap(true);
    m_level->setObjectName(QStringLiteral("meetingLevelSpin"));
    m_level->setRange(lowest, std::max(lowest, highest));
    m_level->setValue(std::clamp(value, lowest, std::max(lowest, highest)));
    // The level's name beside the number: "3 — Systems development" is what the room agrees on.
    const auto showName = [name](int level) { name->setText(levelName(level)); };
    connect(m_level, &QSpinBox::valueChanged, this, showName);
    showName(m_level->value());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_level);
    layout->addWidget(name);
    layout->addWidget(buttons);
    m_level->setFocus();
    m_level->selectAll();
}

int LevelDialog::level() const
{
    return m_level->value();
}

} // namespace mltrl::ui
