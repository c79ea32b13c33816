#pragma once
/// The last look before signing: what the record says (gate, outcome, verdicts, conditions,
/// rationale, carried annotations), what it binds (manifest hash, file counts) and who signs
/// (name, email, role, key fingerprint). "Sign" accepts.
#include "core/review/ReviewRecord.h"

#include <QDialog>

class QPushButton;
class QTextBrowser;

namespace mltrl::ui {

class SignDialog : public QDialog {
    Q_OBJECT
public:
    SignDialog(const ReviewRecord &record, bool openSshKey, QWidget *parent = nullptr);
    [[nodiscard]] QTextBrowser *summary() const { return m_summary; }
    [[nodiscard]] QPushButton *signButton() const { return m_sign; }
    [[nodiscard]] const ReviewRecord &record() const { return m_record; }

    /// The summary as HTML (also used by tests).
    [[nodiscard]] static QString summaryHtml(const ReviewRecord &record);

private:
    ReviewRecord m_record;
    QTextBrowser *m_summary;
    QPushButton *m_sign;
};

} // namespace mltrl::ui
