#pragma once
/// Helpers shared by the GUI tests that fill in the gate review form (tst_review_form,
/// tst_review_signing): choosing a combo entry as a user would, and completing a draft so that
/// only the outcome decides.
#include "ui/review/ReviewForm.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QtTest/QtTest>

namespace mltrl::test {

/// Selects the entry whose data is `data` and emits `activated`, as a click would.
inline void choose(QComboBox *box, const QString &data)
{
    const int i = box->findData(data);
    QVERIFY2(i >= 0, qPrintable(data));
    box->setCurrentIndex(i);
    emit box->activated(i);
}

/// Fills every verdict the reviewer has not set with "met", a note wherever one is required,
/// and a rationale (every outcome needs one, G2), so that only the outcome decides.
inline void completeVerdicts(ui::ReviewForm &form)
{
    for (int row = 0; row < form.criteria()->rowCount(); ++row) {
        QComboBox *box = form.verdictBox(row);
        if (box->currentData().toString().isEmpty())
            choose(box, QStringLiteral("met"));
        const QString v = box->currentData().toString();
        if ((v == QStringLiteral("not_met") || v == QStringLiteral("waived")) && form.noteEdit(row)->text().isEmpty())
            QTest::keyClicks(form.noteEdit(row), QStringLiteral("Accepted by the board"));
    }
    if (form.rationaleEdit()->toPlainText().isEmpty())
        QTest::keyClicks(form.rationaleEdit(), QStringLiteral("The evidence holds."));
}

} // namespace mltrl::test
