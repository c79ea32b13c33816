// The gate review form on the bundled example: suggestions shown and accepted explicitly (G1), notes required,
// an unacknowledged blocker blocks an advance, every edit durable and undoable, first-use key
// creation through the dialog (test passphrase provider), signing, verification with core
// and with the real `ssh-keygen -Y verify`, and the gate status moving to approved.
#include "GuiFixture.h"
#include "GuiTestUtil.h"

#include "ReviewFormFixture.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/review/AnnotationStore.h"
#include "core/review/KeyRing.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewStore.h"
#include "core/review/ReviewVerifier.h"
#include "core/review/ReviewerKey.h"
#include "ui/panels/GatesPanel.h"
#include "ui/review/DraftCommands.h"
#include "ui/review/KeyDialog.h"
#include "ui/review/Passphrase.h"
#include "ui/review/ReviewForm.h"
#include "ui/review/SignDialog.h"
#include "ui/review/TrustDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QUndoStack>

using namespace mltrl;
using namespace mltrl::ui;
using mltrl::test::choose;
using mltrl::test::completeVerdicts;

namespace {

const std::string kGate = "gate-5";

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("MLTRL_SCREENSHOTS");
    return dir;
}

void shoot(QWidget *w, const QString &name)
{
    const QString dir = screenshotDir();
    if (dir.isEmpty())
        return;
    w->grab().save(dir + QLatin1Char('/') + name);
}

/// Runs `ssh-keygen -Y verify` on a stored review (record on stdin, signature in a file):
/// empty when OpenSSH accepts it, else what it said.
QString sshVerify(const QString &sshKeygen, const QString &allowedSigners, const QString &principal,
                  const std::string &record, const std::string &signature)
{
    QTemporaryDir dir;
    const QString sig = dir.filePath(QStringLiteral("review.sig"));
    QFile f(sig);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1").arg(sig);
    f.write(QByteArray::fromStdString(signature));
    f.close();
    QProcess p;
    p.start(sshKeygen,
            {QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"), allowedSigners, QStringLiteral("-I"),
             principal, QStringLiteral("-n"), QStringLiteral("mltrl-gate-review"), QStringLiteral("-s"), sig});
    if (!p.waitForStarted())
        return QStringLiteral("ssh-keygen did not start");
    p.write(QByteArray::fromStdString(record));
    p.closeWriteChannel();
    if (!p.waitForFinished())
        return QStringLiteral("ssh-keygen did not finish");
    return p.exitCode() == 0
               ? QString()
               : QString::fromUtf8(p.readAllStandardError()) + QStringLiteral(" (exit %1)").arg(p.exitCode());
}

/// The stored draft's verdict of `criterion` (nullopt: none chosen or no row).
std::optional<std::string> storedVerdict(const ReviewForm &form, const std::string &criterion)
{
    const ReviewDraft d = form.draft();
    const DraftVerdict *v = d.verdictFor(criterion);
    return v ? v->verdict : std::nullopt;
}

} // namespace

class TestReviewForm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useTestSettings();
        qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
    }

    void init()
    {
        // The key ring lives under QStandardPaths' test location: start each test without keys.
        QDir(QString::fromStdString(KeyRing().dir().string())).removeRecursively();
        m_project = std::make_unique<test::LoadedProject>();
        m_form = std::make_unique<ReviewForm>(m_project->context.get());
        m_passphrase = std::make_unique<FixedPassphraseProvider>("correct horse battery");
        m_form->setPassphraseProvider(m_passphrase.get());
        m_form->resize(1280, 860);
        m_form->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));
        QVERIFY(m_form->selectGate(QString::fromStdString(kGate)));
    }

    void cleanup()
    {
        m_form.reset();
        m_project.reset();
    }

    void suggestionsAreShownNotPrefilled()
    {
        const RevisionData &rev = m_project->revision();
        const Gate *gate = rev.manifest.findGate(kGate);
        QCOMPARE(m_form->criteria()->rowCount(), static_cast<int>(gate->criteria.size()));
        int suggestedRows = 0;
        std::string firstSuggested;
        for (const Criterion &c : gate->criteria) {
            const int row = m_form->rowOf(QString::fromStdString(c.id));
            QVERIFY(row >= 0);
            // G1: nothing is a verdict until the reviewer sets or accepts it.
            QVERIFY(m_form->verdictBox(row)->currentData().toString().isEmpty());
            const CriterionOverview *o = rev.criterion(kGate, c.id);
            if (o && o->suggested) {
                QPushButton *accept = m_form->acceptButton(row);
                QVERIFY(accept);
                QCOMPARE(accept->text(), QString::fromStdString(*o->suggested) + QStringLiteral(" — accept"));
                if (firstSuggested.empty())
                    firstSuggested = c.id;
                ++suggestedRows;
            } else {
                QVERIFY(!m_form->acceptButton(row));
            }
        }
        QVERIFY(suggestedRows >= 4);
        QVERIFY(m_form->draft().isEmpty());
        QVERIFY(!m_form->signButton()->isEnabled());
        QVERIFY2(m_form->problems()
                     .join(QLatin1Char('|'))
                     .contains(QStringLiteral("G1 verdicts/%1: criterion").arg(QString::fromStdString(firstSuggested))),
                 qPrintable(m_form->problems().join(QLatin1Char('|'))));

        // One criterion accepted: its verdict is the suggestion, marked as accepted.
        const int row = m_form->rowOf(QString::fromStdString(firstSuggested));
        QTest::mouseClick(m_form->acceptButton(row), Qt::LeftButton);
        const ReviewDraft afterOne = m_form->draft();
        const DraftVerdict *v = afterOne.verdictFor(firstSuggested);
        QVERIFY(v && v->fromSuggestion);
        QCOMPARE(v->verdict, rev.criterion(kGate, firstSuggested)->suggested);
        QCOMPARE(m_form->verdictBox(row)->currentData().toString(), QString::fromStdString(*v->verdict));
        QVERIFY(m_form->verdictBox(row)->toolTip().contains(QStringLiteral("suggestion accepted")));
        QVERIFY(!m_form->acceptButton(row)->isEnabled());

        // "Accept all suggestions": one action, one undo step, every remaining suggestion.
        QUndoStack *undo = m_project->context->undoStack();
        const int before = undo->count();
        QTest::mouseClick(m_form->acceptAllButton(), Qt::LeftButton);
        QCOMPARE(undo->count(), before + 1);
        const ReviewDraft d = m_form->draft();
        for (const Criterion &c : gate->criteria) {
            const CriterionOverview *o = rev.criterion(kGate, c.id);
            if (o && o->suggested) {
                QVERIFY(d.verdictFor(c.id) && d.verdictFor(c.id)->fromSuggestion);
                QVERIFY2(!m_form->problems()
                              .join(QLatin1Char('|'))
                              .contains(QStringLiteral("G1 verdicts/%1:").arg(QString::fromStdString(c.id))),
                         c.id.c_str());
            }
        }
        undo->undo();
        QCOMPARE(m_form->draft().verdicts.size(), std::size_t(1));
    }

    void notesAreRequiredForWaivedAndNotMet_data()
    {
        QTest::addColumn<QString>("verdict");
        QTest::newRow("waived") << QStringLiteral("waived");
        QTest::newRow("not_met") << QStringLiteral("not_met");
    }

    void notesAreRequiredForWaivedAndNotMet()
    {
        QFETCH(QString, verdict);
        const int row = m_form->rowOf(QStringLiteral("ethics"));
        choose(m_form->verdictBox(row), verdict);
        const QString expected = QStringLiteral("G2 verdicts/ethics/note: a %1 verdict needs a note").arg(verdict);
        QVERIFY2(m_form->problems().contains(expected), qPrintable(m_form->problems().join(QLatin1Char('|'))));
        QCOMPARE(m_form->criteria()->item(row, ReviewForm::Check)->text(), QStringLiteral("⚠ note required"));
        QVERIFY(m_form->criteria()->item(row, ReviewForm::Check)->toolTip().contains(QStringLiteral("needs a note")));
        QVERIFY(m_form->problemsLabel()->text().contains(QStringLiteral("needs a note")));

        QTest::keyClicks(m_form->noteEdit(row), QStringLiteral("IRB approval pending"));
        QVERIFY(!m_form->problems().contains(expected));
        const ReviewDraft d = m_form->draft();
        QCOMPARE(d.verdictFor("ethics")->verdict, std::optional<std::string>(verdict.toStdString()));
        QCOMPARE(d.verdictFor("ethics")->note, std::string("IRB approval pending"));
        // Typing the note is one undo step, not one per key.
        QCOMPARE(m_project->context->undoStack()->count(), 2);
    }

    void unacknowledgedBlockerBlocksAnAdvance()
    {
        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("advance"));
        QVERIFY2(m_form->problems().isEmpty(), qPrintable(m_form->problems().join(QLatin1Char('|'))));
        QVERIFY(m_form->signButton()->isEnabled());

        Problems problems;
        const auto blocker =
            AnnotationStore(m_project->store().db())
                .add(m_project->projectId, m_project->revision().overview.revisionId, {{"project", true}}, "blocker",
                     "Site C labels leak into training", "tester", problems);
        QVERIFY(blocker);
        emit m_project->context->annotationsChanged();
        QCOMPARE(m_form->blockerList()->count(), 1);
        QVERIFY(m_form->problems().join(QLatin1Char(' ')).contains(QStringLiteral("Acknowledge")));
        QVERIFY(!m_form->signButton()->isEnabled());
        QVERIFY(!m_form->startSigning());
        QVERIFY(!m_form->keyDialog());

        // A hold needs no acknowledgement.
        choose(m_form->outcomeBox(), QStringLiteral("hold"));
        QVERIFY(m_form->problems().isEmpty());
        choose(m_form->outcomeBox(), QStringLiteral("advance"));

        QListWidgetItem *item = m_form->blockerList()->item(0);
        item->setCheckState(Qt::Checked);
        QVERIFY(m_form->draft().isAcknowledged(blocker->id));
        m_project->context->undoStack()->undo();
        QVERIFY(!m_form->draft().isAcknowledged(blocker->id));
        QCOMPARE(item->checkState(), Qt::Unchecked);
        m_project->context->undoStack()->redo();
        QCOMPARE(item->checkState(), Qt::Checked);
        QVERIFY(m_form->problems().isEmpty());
        QVERIFY(m_form->signButton()->isEnabled());
        shoot(m_form.get(), QStringLiteral("review-form.png"));
    }

    void undoOfAVerdictRestoresTheStore()
    {
        const int row = m_form->rowOf(QStringLiteral("datasheet"));
        choose(m_form->verdictBox(row), QStringLiteral("met"));
        choose(m_form->verdictBox(row), QStringLiteral("not_applicable"));
        QCOMPARE(storedVerdict(*m_form, "datasheet"), std::optional<std::string>("not_applicable"));
        QUndoStack *undo = m_project->context->undoStack();
        QCOMPARE(undo->count(), 2);
        undo->undo();
        QCOMPARE(storedVerdict(*m_form, "datasheet"), std::optional<std::string>("met"));
        QCOMPARE(m_form->verdictBox(row)->currentData().toString(), QStringLiteral("met"));
        undo->undo();
        QVERIFY(m_form->draft().isEmpty());
        QCOMPARE(m_form->verdictBox(row)->currentData().toString(), QString());
        undo->redo();
        QVERIFY2(undo->index() == 1,
                 qPrintable(QString::number(undo->index()) + QLatin1Char('/') + QString::number(undo->count())));
        QCOMPARE(storedVerdict(*m_form, "datasheet"), std::optional<std::string>("met"));

        // The outcome, conditions and rationale go the same way.
        choose(m_form->outcomeBox(), QStringLiteral("advance_with_conditions"));
        m_form->conditionsEdit()->setPlainText(QStringLiteral("Monitor site C\n\nRe-audit in 6 months"));
        QCOMPARE(m_form->draft().conditions, (std::vector<std::string>{"Monitor site C", "Re-audit in 6 months"}));
        undo->undo();
        QVERIFY(m_form->draft().conditions.empty());
        QVERIFY(m_form->conditionsEdit()->toPlainText().isEmpty());
        undo->undo();
        QVERIFY(!m_form->draft().outcome);
        QCOMPARE(m_form->outcomeBox()->currentIndex(), 0);
    }

    void draftSurvivesAReopen()
    {
        choose(m_form->verdictBox(m_form->rowOf(QStringLiteral("risk"))), QStringLiteral("waived"));
        QTest::keyClicks(m_form->rationaleEdit(), QStringLiteral("Risk file accepted"));
        // A new form on the same store (as after a restart) shows the same draft.
        ReviewForm again(m_project->context.get());
        QVERIFY(again.selectGate(QString::fromStdString(kGate)));
        QCOMPARE(again.verdictBox(again.rowOf(QStringLiteral("risk")))->currentData().toString(),
                 QStringLiteral("waived"));
        QCOMPARE(again.rationaleEdit()->toPlainText(), QStringLiteral("Risk file accepted"));
    }

    void createKeySignVerifyAndApprove()
    {
        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("advance"));
        QVERIFY(m_form->problems().isEmpty());

        // First use: the key dialog opens on "Sign…", not before.
        QVERIFY(!KeyRing().current());
        QVERIFY(m_form->startSigning());
        KeyDialog *keys = m_form->keyDialog();
        QVERIFY(keys);
        QVERIFY(keys->isVisible());
        QVERIFY(!keys->createKey()); // name and email first
        QVERIFY(keys->messageLabel()->text().contains(QStringLiteral("Name and email")));
        keys->nameEdit()->setText(QStringLiteral("Dana Reviewer"));
        keys->emailEdit()->setText(QStringLiteral("dana@example.org"));
        keys->roleEdit()->setCurrentText(QStringLiteral("R&D reviewer"));
        QTest::mouseClick(keys->createButton(), Qt::LeftButton);
        QCOMPARE(m_passphrase->requests(), 1);
        QVERIFY(keys->publicKeyLine()->text().startsWith(QStringLiteral("ssh-ed25519 AAAA")));
        QVERIFY(keys->publicKeyLine()->text().endsWith(QStringLiteral(" Dana Reviewer <dana@example.org>")));
        QVERIFY(keys->fingerprintLabel()->text().startsWith(QStringLiteral("SHA256:")));
        QVERIFY(keys->doneButton()->isEnabled());
        const auto ring = KeyRing().current();
        QVERIFY(ring);
        QCOMPARE(ring->identity.role, std::string("R&D reviewer"));
        // The key file is private, and encrypted with the passphrase.
        QVERIFY((std::filesystem::status(ring->keyFile).permissions() & std::filesystem::perms::all) ==
                (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
        const QString sshKeygen = findSshKeygen();
        {
            QFile f(QString::fromStdString(ring->keyFile.string()));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const std::string text = f.readAll().toStdString();
            QVERIFY(!SshPrivateKey::fromOpenSsh(text, nullptr, "wrong"));
            QVERIFY(SshPrivateKey::fromOpenSsh(text, nullptr, "correct horse battery"));
        }
        if (!sshKeygen.isEmpty()) {
            // A standard OpenSSH private key that ssh-keygen reads with the passphrase only.
            for (const auto &[pass, ok] : {std::pair{"wrong", false}, std::pair{"correct horse battery", true}}) {
                QProcess y;
                y.start(sshKeygen, {QStringLiteral("-y"), QStringLiteral("-P"), QString::fromLatin1(pass),
                                    QStringLiteral("-f"), QString::fromStdString(ring->keyFile.string())});
                QVERIFY(y.waitForFinished());
                QCOMPARE(y.exitCode() == 0, ok);
                if (ok)
                    QVERIFY(keys->publicKeyLine()->text().startsWith(
                        QString::fromUtf8(y.readAllStandardOutput().trimmed())));
            }
        }
        if (!sshKeygen.isEmpty()) {
            // The fingerprint is exactly what ssh-keygen -l prints.
            QProcess p;
            p.start(sshKeygen, {QStringLiteral("-l"), QStringLiteral("-f"),
                                QString::fromStdString(ring->keyFile.string() + ".pub")});
            QVERIFY(p.waitForFinished());
            QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(keys->fingerprintLabel()->text()));
        }
        shoot(keys, QStringLiteral("review-key-dialog.png"));
        QTest::mouseClick(keys->doneButton(), Qt::LeftButton);

        // The summary, then the passphrase, then the review is stored.
        SignDialog *sign = m_form->signDialog();
        QVERIFY(sign);
        QVERIFY(sign->isVisible());
        QVERIFY(sign->summary()->toPlainText().contains(QStringLiteral("Dana Reviewer")));
        QVERIFY(sign->summary()->toPlainText().contains(QString::fromStdString(kGate)));
        shoot(sign, QStringLiteral("review-sign-dialog.png"));
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        QTest::mouseClick(sign->signButton(), Qt::LeftButton);
        // An encrypted OpenSSH key signs through ssh-keygen, off the UI thread.
        QTRY_COMPARE_WITH_TIMEOUT(signedSpy.count(), 1, 30000);
        QCOMPARE(m_passphrase->requests(), 2);
        const std::string id = signedSpy.front().front().toString().toStdString();
        const auto stored = ReviewStore(m_project->store().db()).find(id);
        QVERIFY(stored);
        QVERIFY(m_form->draft().isEmpty()); // the draft became the review
        // Nothing left to undo: an undo must not bring back the draft of a signed review.
        QCOMPARE(m_project->context->undoStack()->count(), 0);

        // Core verification: valid, signer unknown until trusted.
        const ReviewContext context = contextOf(m_project->revision());
        ReviewCheck check = ReviewVerifier(nullptr).verify(stored->record, stored->signature, id, context);
        QVERIFY(check.status == ReviewStatus::ValidUnknownSigner);
        QCOMPARE(check.record->reviewer.email, std::string("dana@example.org"));
        QCOMPARE(m_form->reviewsTable()->rowCount(), 1);
        QCOMPARE(m_form->reviewsTable()->item(0, ReviewForm::RSigner)->text(), QStringLiteral("unknown signer"));
        QVERIFY(m_form->statusLabel()->text().contains(QStringLiteral("open")));

        // Trust the key through the trust dialog.
        {
            TrustDialog trust(KeyRing().allowedSignersFile());
            QVERIFY(trust.addOwnKey());
            QVERIFY2(trust.checkLabel()->text().contains(QStringLiteral("1 signer line and 0 role grants readable.")),
                     qPrintable(trust.checkLabel()->text()));
            QVERIFY(trust.save());
        }
        emit m_project->context->reviewsChanged();
        QCOMPARE(m_form->reviewsTable()->item(0, ReviewForm::RSigner)->text(), QStringLiteral("trusted"));
        QCOMPARE(m_form->reviewsTable()->item(0, ReviewForm::RSignature)->text(), QStringLiteral("✓ valid"));
        // Trusted, but the role is only claimed (G4): it counts towards nothing yet.
        QVERIFY(m_form->reviewsTable()->item(0, ReviewForm::RRole)->text().contains(QStringLiteral("self-declared")));
        QVERIFY(m_form->statusLabel()->text().contains(QStringLiteral("R&amp;D reviewer: 0 of 1")));
        {
            TrustDialog trust(KeyRing().allowedSignersFile());
            QVERIFY(trust.addOwnRole());
            QCOMPARE(trust.rolesEditor()->toPlainText(), QStringLiteral("dana@example.org R&D reviewer\n"));
            QVERIFY(trust.save());
        }
        emit m_project->context->reviewsChanged();
        QCOMPARE(m_form->reviewsTable()->item(0, ReviewForm::RRole)->text(), QStringLiteral("R&D reviewer"));
        // One of two sign-off roles: still open, naming what is missing.
        QVERIFY(m_form->statusLabel()->text().contains(QStringLiteral("clinical reviewer: 0 of 1")));

        // Stock OpenSSH verifies the stored bytes.
        if (!sshKeygen.isEmpty()) {
            const QString error = sshVerify(sshKeygen, QString::fromStdString(KeyRing().allowedSignersFile().string()),
                                            QStringLiteral("dana@example.org"), stored->record, stored->signature);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        } else {
            qWarning("ssh-keygen not found: the OpenSSH interop check was skipped");
        }

        // A clinical reviewer signs too (with a key made the way `mltrl keygen` makes it):
        // both roles are met by trusted, valid reviews — approved, here and on the Gates panel.
        QTemporaryDir other;
        const std::filesystem::path clinicalKey = std::filesystem::path(other.path().toStdString()) / "clinical";
        Problems problems;
        const auto pub = createReviewerKey(clinicalKey, {"Cleo Clinician", "cleo@example.org", "clinical reviewer", {}},
                                           "correct horse battery", problems);
        QVERIFY(pub);
        const auto clinical = readReviewerIdentity(clinicalKey, problems);
        QVERIFY(clinical);
        QVERIFY(KeyRing().setCurrent({clinicalKey, *clinical, false}, problems));
        {
            TrustDialog trust(KeyRing().allowedSignersFile());
            QVERIFY(trust.addOwnKey());
            QVERIFY(trust.addOwnRole());
            QVERIFY(trust.save());
        }
        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("advance"));
        QVERIFY(m_form->startSigning());
        QVERIFY(m_form->signDialog()->isVisible());
        QTest::mouseClick(m_form->signDialog()->signButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(signedSpy.count(), 2, 30000);
        QCOMPARE(m_form->reviewsTable()->rowCount(), 2);
        QVERIFY2(m_form->statusLabel()->text().contains(QStringLiteral("approved")),
                 qPrintable(m_form->statusLabel()->text()));
        GatesPanel gates(m_project->context.get());
        QVERIFY(gates.selectGate(QString::fromStdString(kGate)));
        QCOMPARE(gates.statusLabel()->text(), QStringLiteral("approved"));
        shoot(m_form.get(), QStringLiteral("review-form-signed.png"));
    }

    // A reviewer who has an OpenSSH key picks it in the key dialog; the review is signed by
    // `ssh-keygen -Y sign` (no passphrase asked by the workbench) and stock OpenSSH verifies it.
    void openSshKeySignsThroughSshKeygen()
    {
        const QString sshKeygen = findSshKeygen();
        if (sshKeygen.isEmpty())
            QSKIP("ssh-keygen is not installed");
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("id_ed25519"));
        QProcess gen;
        gen.start(sshKeygen,
                  {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                   QString(), QStringLiteral("-C"), QStringLiteral("own key"), QStringLiteral("-f"), key});
        QVERIFY(gen.waitForFinished());
        QCOMPARE(gen.exitCode(), 0);
        QFile pubFile(key + QStringLiteral(".pub"));
        QVERIFY(pubFile.open(QIODevice::ReadOnly));
        const QString pub = QString::fromUtf8(pubFile.readAll()).section(QLatin1Char(' '), 0, 1);

        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("advance"));
        QVERIFY(m_form->startSigning());
        KeyDialog *keys = m_form->keyDialog();
        QVERIFY(keys && keys->isVisible());
        keys->nameEdit()->setText(QStringLiteral("Olu Openssh"));
        keys->emailEdit()->setText(QStringLiteral("olu@example.org"));
        keys->roleEdit()->setCurrentText(QStringLiteral("clinical reviewer"));
        QTest::keyClicks(keys->sshKeyEdit(), key);
        QTest::mouseClick(keys->useSshButton(), Qt::LeftButton);
        QCOMPARE(keys->publicKeyLine()->text(), pub + QStringLiteral(" Olu Openssh <olu@example.org>"));
        QProcess fingerprint;
        fingerprint.start(sshKeygen, {QStringLiteral("-l"), QStringLiteral("-f"), key + QStringLiteral(".pub")});
        QVERIFY(fingerprint.waitForFinished());
        QVERIFY(QString::fromUtf8(fingerprint.readAllStandardOutput()).contains(keys->fingerprintLabel()->text()));
        QVERIFY(keys->messageLabel()->text().contains(QStringLiteral("through ssh-keygen")));
        const auto ring = KeyRing().current();
        QVERIFY(ring && ring->openSsh);
        QCOMPARE(QString::fromStdString(ring->keyFile.string()), key);
        shoot(keys, QStringLiteral("review-key-dialog-openssh.png"));
        QTest::mouseClick(keys->doneButton(), Qt::LeftButton);

        SignDialog *sign = m_form->signDialog();
        QVERIFY(sign && sign->isVisible());
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        QTest::mouseClick(sign->signButton(), Qt::LeftButton);
        QVERIFY2(signedSpy.count() == 1, qPrintable(m_form->problemsLabel()->text()));
        QCOMPARE(m_passphrase->requests(), 0); // ssh-keygen signs; the workbench asks nothing
        const auto stored =
            ReviewStore(m_project->store().db()).find(signedSpy.front().front().toString().toStdString());
        QVERIFY(stored);
        QVERIFY(QString::fromStdString(stored->signature).startsWith(QStringLiteral("-----BEGIN SSH SIGNATURE-----")));

        // The workbench's own check, then stock OpenSSH's.
        const ReviewCheck check = ReviewVerifier(nullptr).verify(stored->record, stored->signature, stored->id,
                                                                 contextOf(m_project->revision()));
        QVERIFY(check.status == ReviewStatus::ValidUnknownSigner);
        QCOMPARE(check.record->reviewer.publicKey, pub.toStdString());
        QCOMPARE(check.record->reviewer.role, std::string("clinical reviewer"));
        const QString allowed = dir.filePath(QStringLiteral("allowed_signers"));
        QFile signers(allowed);
        QVERIFY(signers.open(QIODevice::WriteOnly));
        signers.write(QStringLiteral("olu@example.org namespaces=\"mltrl-gate-review\" %1\n").arg(pub).toUtf8());
        signers.close();
        const QString error =
            sshVerify(sshKeygen, allowed, QStringLiteral("olu@example.org"), stored->record, stored->signature);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // A different principal is refused: the check is real.
        QVERIFY(!sshVerify(sshKeygen, allowed, QStringLiteral("dana@example.org"), stored->record, stored->signature)
                     .isEmpty());
    }

    void wrongPassphraseSignsNothing()
    {
        QTemporaryDir other;
        const std::filesystem::path keyFile = std::filesystem::path(other.path().toStdString()) / "k";
        Problems problems;
        QVERIFY(createReviewerKey(keyFile, {"R", "r@example.org", "R&D reviewer", {}}, "right", problems));
        QVERIFY(KeyRing().setCurrent({keyFile, *readReviewerIdentity(keyFile, problems), false}, problems));
        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("hold"));
        QVERIFY(m_form->startSigning());
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        QTest::mouseClick(m_form->signDialog()->signButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_form->isSigning(), 30000);
        QCOMPARE(signedSpy.count(), 0);
        QVERIFY(ReviewStore(m_project->store().db()).forProject(m_project->projectId).empty());
        QVERIFY(!m_form->draft().isEmpty()); // nothing lost
        QVERIFY(!m_form->problemsLabel()->text().isEmpty());
    }

private:
    std::unique_ptr<test::LoadedProject> m_project;
    std::unique_ptr<ReviewForm> m_form;
    std::unique_ptr<FixedPassphraseProvider> m_passphrase;
};

QTEST_MAIN(TestReviewForm)
#include "tst_review_form.moc"
