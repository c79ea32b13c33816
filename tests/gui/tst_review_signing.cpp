// Signing that may wait never freezes the window: through ssh-agent (here a test agent that
// answers after a delay, as one waiting for a token touch would) and through ssh-keygen with
// the passphrase asked in the workbench's own dialog and handed over through SSH_ASKPASS. The
// event loop keeps turning while it waits, "Waiting for …" shows, Cancel ends the wait, and
// the key dialog lists the agent's keys.
#include "GuiFixture.h"
#include "GuiTestUtil.h"

#include "ReviewFormFixture.h"
#include "core/crypto/SshKeygen.h"
#include "core/crypto/SshPrivateKey.h"
#include "core/crypto/SshSig.h"
#include "core/crypto/SshWire.h"
#include "core/review/KeyRing.h"
#include "core/review/ReviewStore.h"
#include "ui/review/KeyDialog.h"
#include "ui/review/Passphrase.h"
#include "ui/review/ReviewForm.h"
#include "ui/review/SignDialog.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace mltrl;
using namespace mltrl::ui;
using mltrl::test::choose;
using mltrl::test::completeVerdicts;

namespace {

const std::string kGate = "gate-5";

/// A minimal ssh-agent on a Unix socket holding one in-process key: it lists the key at once
/// and signs after `delayMs` (like an agent waiting for a touch), unless stopped first.
class TestAgent {
public:
    TestAgent(const QString &socketPath, const SshPrivateKey &key, int delayMs)
          : m_path(socketPath.toStdString()), m_key(key), m_delayMs(delayMs)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", m_path.c_str());
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_fd, 4) != 0)
            qFatal("cannot listen on %s", m_path.c_str());
        m_thread = std::thread([this] { serve(); });
    }
    ~TestAgent()
    {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
        ::unlink(m_path.c_str());
    }
    [[nodiscard]] int signRequests() const { return m_signRequests; }

private:
    static bool readAll(int fd, char *buf, std::size_t n)
    {
        for (std::size_t got = 0; got < n;) {
            const ssize_t r = ::read(fd, buf + got, n - got);
            if (r <= 0)
                return false;
            got += static_cast<std::size_t>(r);
        }
        return true;
    }
    void reply(int fd, const std::string &payload)
    {
        std::string out;
        sshwire::putString(out, payload);
        if (::send(fd, out.data(), out.size(), MSG_NOSIGNAL) < 0)
            return;
    }
    void serve()
    {
        while (!m_stop) {
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            char lenBytes[4];
            while (readAll(c, lenBytes, 4)) {
                std::uint32_t len = 0;
                (void)sshwire::Reader(std::string_view(lenBytes, 4)).readU32(len);
                std::string msg(len, '\0');
                if (!readAll(c, msg.data(), len) || msg.empty())
                    break;
                sshwire::Reader r(msg);
                std::uint8_t type = 0;
                (void)r.readU8(type);
                if (type == 11) {
                    std::string answer(1, '\x0c');
                    sshwire::putU32(answer, 1);
                    sshwire::putString(answer, m_key.publicKey().wireBlob());
                    sshwire::putString(answer, "test agent key");
                    reply(c, answer);
                } else if (type == 13) {
                    ++m_signRequests;
                    std::string_view blob, data;
                    std::uint32_t flags = 0;
                    (void)(r.readString(blob) && r.readString(data) && r.readU32(flags));
                    for (int waited = 0; waited < m_delayMs && !m_stop; waited += 10)
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    const auto sig = m_key.sign(data);
                    std::string answer(1, '\x0e');
                    sshwire::putString(answer, sig.value_or(""));
                    reply(c, answer);
                } else {
                    reply(c, std::string(1, '\x05'));
                }
            }
            ::close(c);
        }
    }

    std::string m_path;
    const SshPrivateKey &m_key;
    int m_delayMs;
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_signRequests{0};
    std::thread m_thread;
};

} // namespace

class TestReviewSigning : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::useTestSettings();
        qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
        m_oldAuthSock = qgetenv("SSH_AUTH_SOCK");
    }

    void init()
    {
        QDir(QString::fromStdString(KeyRing().dir().string())).removeRecursively();
        qunsetenv("SSH_AUTH_SOCK");
        m_project = std::make_unique<test::LoadedProject>();
        m_form = std::make_unique<ReviewForm>(m_project->context.get());
        m_passphrase = std::make_unique<FixedPassphraseProvider>("correct horse battery");
        m_form->setPassphraseProvider(m_passphrase.get());
        m_form->resize(1280, 860);
        m_form->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));
        QVERIFY(m_form->selectGate(QString::fromStdString(kGate)));
        completeVerdicts(*m_form);
        choose(m_form->outcomeBox(), QStringLiteral("advance"));
    }

    void cleanup()
    {
        m_form.reset();
        m_project.reset();
        qputenv("SSH_AUTH_SOCK", m_oldAuthSock);
    }

    // The key dialog lists the agent's keys; the review signs through the agent while the
    // window stays responsive, showing what it waits for.
    void agentKeySignsWhileTheWindowStaysResponsive()
    {
        QTemporaryDir dir;
        auto key = SshPrivateKey::generate(SshKeyType::EcdsaP384);
        QVERIFY(key);
        TestAgent agent(dir.filePath(QStringLiteral("agent.sock")), *key, 1500);
        qputenv("SSH_AUTH_SOCK", dir.filePath(QStringLiteral("agent.sock")).toLocal8Bit());

        QVERIFY(m_form->startSigning());
        KeyDialog *keys = m_form->keyDialog();
        QVERIFY(keys && keys->isVisible());
        QCOMPARE(keys->agentKeyList()->count(), 1);
        QVERIFY(keys->agentKeyList()->currentText().contains(QString::fromStdString(key->publicKey().fingerprint())));
        QVERIFY(keys->agentKeyList()->currentText().startsWith(QStringLiteral("ECDSA ")));
        keys->nameEdit()->setText(QStringLiteral("Agnes Agent"));
        keys->emailEdit()->setText(QStringLiteral("agnes@example.org"));
        keys->roleEdit()->setCurrentText(QStringLiteral("R&D reviewer"));
        QTest::mouseClick(keys->useAgentButton(), Qt::LeftButton);
        QVERIFY(keys->publicKeyLine()->text().startsWith(QStringLiteral("ecdsa-sha2-nistp384 AAAA")));
        QTest::mouseClick(keys->doneButton(), Qt::LeftButton);

        SignDialog *sign = m_form->signDialog();
        QVERIFY(sign && sign->isVisible());
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::mouseClick(sign->signButton(), Qt::LeftButton);
        QVERIFY(m_form->isSigning());
        QVERIFY(m_form->waitingRow()->isVisible());
        QVERIFY2(m_form->waitingLabel()->text().contains(QStringLiteral("ssh-agent")),
                 qPrintable(m_form->waitingLabel()->text()));
        QVERIFY(!m_form->signButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(signedSpy.count(), 1, 15000);
        // The agent took 1.5 s; the event loop turned throughout.
        QVERIFY2(ticks >= 50, qPrintable(QStringLiteral("only %1 timer ticks while waiting").arg(ticks)));
        QVERIFY(!m_form->waitingRow()->isVisible());
        QCOMPARE(agent.signRequests(), 1);

        const auto stored =
            ReviewStore(m_project->store().db()).find(signedSpy.front().front().toString().toStdString());
        QVERIFY(stored);
        const SshSigVerification v = sshsig::verify(stored->record, stored->signature, "mltrl-gate-review");
        QVERIFY2(v.ok, v.error.c_str());
        QVERIFY(*v.publicKey == key->publicKey());
    }

    void cancelEndsAPendingAgentSignature()
    {
        QTemporaryDir dir;
        auto key = SshPrivateKey::generate(SshKeyType::Ed25519);
        QVERIFY(key);
        TestAgent agent(dir.filePath(QStringLiteral("agent.sock")), *key, 60000);
        qputenv("SSH_AUTH_SOCK", dir.filePath(QStringLiteral("agent.sock")).toLocal8Bit());
        QVERIFY(m_form->startSigning());
        KeyDialog *keys = m_form->keyDialog();
        keys->nameEdit()->setText(QStringLiteral("Agnes Agent"));
        keys->emailEdit()->setText(QStringLiteral("agnes@example.org"));
        QVERIFY(keys->useAgentKey());
        QTest::mouseClick(keys->doneButton(), Qt::LeftButton);
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        QTest::mouseClick(m_form->signDialog()->signButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(agent.signRequests(), 1, 5000);
        QVERIFY(m_form->isSigning());
        QTest::mouseClick(m_form->cancelSigningButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_form->isSigning(), 5000);
        QCOMPARE(signedSpy.count(), 0);
        QVERIFY2(m_form->problemsLabel()->text().contains(QStringLiteral("cancelled")),
                 qPrintable(m_form->problemsLabel()->text()));
        QVERIFY(ReviewStore(m_project->store().db()).forProject(m_project->projectId).empty());
        QVERIFY(!m_form->draft().isEmpty()); // nothing lost
    }

    // An encrypted OpenSSH key the agent does not hold: the workbench asks the passphrase in
    // its own dialog, then decrypts the key itself (bcrypt KDF, off the UI thread), or — for a
    // cipher it does not read — hands the passphrase to ssh-keygen through SSH_ASKPASS.
    void encryptedKeyFile_data()
    {
        QTest::addColumn<QString>("cipher");
        QTest::addColumn<QString>("waitingFor");
        QTest::newRow("aes256-ctr: decrypted here") << QString() << QStringLiteral("Decrypting");
        QTest::newRow("aes256-gcm: through ssh-keygen and askpass")
            << QStringLiteral("aes256-gcm@openssh.com") << QStringLiteral("ssh-keygen");
    }
    void encryptedKeyFile()
    {
        QFETCH(QString, cipher);
        QFETCH(QString, waitingFor);
        const QString sshKeygen = findSshKeygen();
        if (sshKeygen.isEmpty())
            QSKIP("ssh-keygen is not installed");
        QTemporaryDir dir;
        const QString keyFile = dir.filePath(QStringLiteral("id_rsa"));
        QStringList args{QStringLiteral("-q"),
                         QStringLiteral("-t"),
                         QStringLiteral("rsa"),
                         QStringLiteral("-b"),
                         QStringLiteral("3072"),
                         QStringLiteral("-N"),
                         QStringLiteral("correct horse battery"),
                         QStringLiteral("-C"),
                         QStringLiteral("own"),
                         QStringLiteral("-f"),
                         keyFile};
        if (!cipher.isEmpty())
            args << QStringLiteral("-Z") << cipher;
        QProcess gen;
        gen.start(sshKeygen, args);
        QVERIFY(gen.waitForFinished(60000) && gen.exitCode() == 0);

        QVERIFY(m_form->startSigning());
        KeyDialog *keys = m_form->keyDialog();
        QVERIFY(!keys->useAgentButton()->isEnabled()); // no agent here
        keys->nameEdit()->setText(QStringLiteral("Rosa Rsa"));
        keys->emailEdit()->setText(QStringLiteral("rosa@example.org"));
        keys->sshKeyEdit()->setText(keyFile);
        QVERIFY(keys->useSshKey());
        QTest::mouseClick(keys->doneButton(), Qt::LeftButton);
        QSignalSpy signedSpy(m_form.get(), &ReviewForm::signedReview);
        const int asked = m_passphrase->requests();
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::mouseClick(m_form->signDialog()->signButton(), Qt::LeftButton);
        QCOMPARE(m_passphrase->requests(), asked + 1); // the workbench's own passphrase dialog
        QVERIFY(m_form->waitingLabel()->text().contains(waitingFor));
        QTRY_COMPARE_WITH_TIMEOUT(signedSpy.count(), 1, 30000);
        QVERIFY(ticks > 0);
        const auto stored =
            ReviewStore(m_project->store().db()).find(signedSpy.front().front().toString().toStdString());
        QVERIFY(stored);
        const SshSigVerification v = sshsig::verify(stored->record, stored->signature, "mltrl-gate-review");
        QVERIFY2(v.ok, v.error.c_str());
        QCOMPARE(QString::fromStdString(v.signatureAlgorithm), QStringLiteral("rsa-sha2-512"));
    }

private:
    QByteArray m_oldAuthSock;
    std::unique_ptr<test::LoadedProject> m_project;
    std::unique_ptr<ReviewForm> m_form;
    std::unique_ptr<FixedPassphraseProvider> m_passphrase;
};

QTEST_MAIN(TestReviewSigning)
#include "tst_review_signing.moc"
