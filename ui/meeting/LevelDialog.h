#pragma once
/// The "switch back to level" dialog of meeting mode: one large spin box limited to the
/// levels below the gate, typed or stepped with ↑/↓, Enter saves, Esc cancels.
#include <QDialog>

class QSpinBox;

namespace mltrl::ui {

class LevelDialog : public QDialog {
    Q_OBJECT
public:
    /// Offers levels `lowest`…`highest`, starting at `value` (clamped into the range).
    LevelDialog(const QString &title, int lowest, int highest, int value, int pixelSize, QWidget *parent = nullptr);
    [[nodiscard]] int level() const;
    [[nodiscard]] QSpinBox *spinBox() const { return m_level; }

private:
    QSpinBox *m_level = nullptr;
};

} // namespace mltrl::ui
