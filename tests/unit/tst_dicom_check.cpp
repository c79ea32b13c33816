// The DICOM de-identification check (core/dicom): files made by DCMTK's own tools
// (tests/dicom/make_samples.sh), each transfer syntax, identified and de-identified,
// truncated and not DICOM at all; then the check through import and the store.
#include "TempStore.h"
#include "TestData.h"
#include "core/dicom/ConfidentialityProfile.h"
#include "core/dicom/DeidentificationCheck.h"
#include "core/import/Importer.h"
#include "core/sqlite/Database.h"
#include "core/store/DicomChecks.h"
#include "core/store/ProjectQueries.h"
#include "core/store/RevisionData.h"

#include <QProcess>
#include <QtTest>

#include <fstream>

using namespace mltrl;
using namespace mltrl::test;

namespace {

QStringList keywords(const dicom::DeidentificationCheck &c)
{
    QStringList out;
    for (const dicom::IdentifyingAttribute &a : c.attributes)
        out << QString::fromStdString(a.keyword + " " + a.tag);
    return out;
}

std::string readAll(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

const QStringList kIdentified{
    QStringLiteral("StudyDate (0008,0020)"),       QStringLiteral("AccessionNumber (0008,0050)"),
    QStringLiteral("InstitutionName (0008,0080)"), QStringLiteral("ReferringPhysicianName (0008,0090)"),
    QStringLiteral("PatientName (0010,0010)"),     QStringLiteral("PatientID (0010,0020)"),
    QStringLiteral("PatientBirthDate (0010,0030)")};

} // namespace

class TestDicomCheck : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path sample(const char *name) const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess make;
        make.start(QStringLiteral("bash"), {dataPath(QStringLiteral("../dicom/make_samples.sh")), m_dir.path()});
        QVERIFY(make.waitForFinished(120000));
        QVERIFY2(make.exitCode() == 0, make.readAllStandardError().constData());
    }

    void profileTable()
    {
        // The rows every reader of the issue expects, with the 2026d action codes.
        const auto *name = dicom::findProfileAttribute(0x0010, 0x0010);
        QVERIFY(name);
        QCOMPARE(QString::fromLatin1(name->keyword), QStringLiteral("PatientName"));
        QCOMPARE(QString::fromLatin1(name->action), QStringLiteral("Z"));
        QCOMPARE(QString::fromLatin1(dicom::findProfileAttribute(0x0008, 0x0080)->action), QStringLiteral("X/Z/D"));
        QVERIFY(dicom::findProfileAttribute(0x0020, 0x000D)->isUid());
        // Repeating groups: overlay data in 60xx, curve data anywhere in 50xx; never odd groups.
        QCOMPARE(QString::fromLatin1(dicom::findProfileAttribute(0x6002, 0x3000)->keyword),
                 QStringLiteral("OverlayData"));
        QCOMPARE(QString::fromLatin1(dicom::findProfileAttribute(0x5004, 0x1234)->keyword),
                 QStringLiteral("CurveData"));
        QVERIFY(!dicom::findProfileAttribute(0x6001, 0x3000));
        QVERIFY(!dicom::findProfileAttribute(0x0028, 0x0010)); // Rows: not identifying
        QCOMPARE(dicom::basicProfileAttributes().size(), std::size_t(656));
        QCOMPARE(dicom::kProfileEdition, std::string_view("DICOM PS3.15 2026d, Annex E, Table E.1-1"));
    }

    // Rows from every part of PS3.15 2026d Table E.1-1, pinned with the codes of the copies
    // the table was checked against (ConfidentialityProfileTable.cpp, docs/dicom.md).
    void profileRows_data()
    {
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("element");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("action");
        QTest::newRow("first row") << 0x0000 << 0x1000 << "AffectedSOPInstanceUID"
                                   << "X";
        QTest::newRow("study date") << 0x0008 << 0x0020 << "StudyDate"
                                    << "Z";
        QTest::newRow("referenced image seq") << 0x0008 << 0x1140 << "ReferencedImageSequence"
                                              << "X/Z/U*";
        QTest::newRow("patient id (Z/D since 2023b)") << 0x0010 << 0x0020 << "PatientID"
                                                      << "Z/D";
        QTest::newRow("gender identity (new)") << 0x0010 << 0x0041 << "GenderIdentitySequence"
                                               << "X";
        QTest::newRow("protocol name") << 0x0018 << 0x1030 << "ProtocolName"
                                       << "X/D";
        QTest::newRow("secondary capture device") << 0x0018 << 0x1010 << "SecondaryCaptureDeviceID"
                                                  << "X";
        QTest::newRow("waveform annotation") << 0x0040 << 0xB020 << "WaveformAnnotationSequence"
                                             << "X/D";
        QTest::newRow("content sequence") << 0x0040 << 0xA730 << "ContentSequence"
                                          << "D";
        QTest::newRow("unformatted text") << 0x0070 << 0x0006 << "UnformattedTextValue"
                                          << "D";
        QTest::newRow("rt plan label") << 0x300A << 0x0002 << "RTPlanLabel"
                                       << "D";
        QTest::newRow("table top alignment uid") << 0x300A << 0x0054 << "TableTopPositionAlignmentUID"
                                                 << "U";
        QTest::newRow("results comments") << 0x4008 << 0x4000 << "ResultsComments"
                                          << "X";
        QTest::newRow("last row") << 0xFFFC << 0xFFFC << "DataSetTrailingPadding"
                                  << "X";
    }

    void profileRows()
    {
        QFETCH(int, group);
        QFETCH(int, element);
        QFETCH(QString, keyword);
        QFETCH(QString, action);
        const auto *row = dicom::findProfileAttribute(std::uint16_t(group), std::uint16_t(element));
        QVERIFY(row);
        QCOMPARE(QString::fromLatin1(row->keyword), keyword);
        QCOMPARE(QString::fromLatin1(row->action), action);
    }

    void profileTableIsSortedWithoutDuplicates()
    {
        const auto rows = dicom::basicProfileAttributes();
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto key = [](const dicom::ProfileAttribute &a) {
                return (std::uint32_t(a.group) << 16) | a.element;
            };
            QVERIFY2(key(rows[i - 1]) < key(rows[i]), rows[i].keyword);
            QVERIFY(std::string_view(rows[i].keyword).size() > 1);
        }
    }

    void check_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("identified"); // 1 yes, 0 no, -1 cannot tell
        QTest::addColumn<QStringList>("attributes");
        QTest::addColumn<QStringList>("privateTags");
        QTest::addColumn<QString>("burnedIn"); // "-" for absent
        QTest::addColumn<bool>("problem");

        const QStringList priv{QStringLiteral("(0009,0010)"), QStringLiteral("(0009,1001)")};
        QTest::newRow("uncompressed") << "identified.dcm" << 1 << kIdentified << priv << "-" << false;
        // DCMTK's compressors add Derivation Description (and the source image): the profile
        // names both.
        QStringList compressed = kIdentified;
        compressed.insert(4, QStringLiteral("DerivationDescription (0008,2111)"));
        QTest::newRow("jpeg lossless") << "jpeg-lossless.dcm" << 1 << compressed << priv << "-" << false;
        QTest::newRow("jpeg-ls") << "jpegls.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("rle") << "rle.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("deflated") << "deflated.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("jpeg 2000") << "j2k-lossless.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("htj2k (unknown to DCMTK)") << "htj2k.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("img2dcm") << "rgb.dcm" << 1 << QStringList{QStringLiteral("PatientName (0010,0010)")}
                                 << QStringList() << "-" << false;
        QTest::newRow("jpeg baseline") << "jpeg-baseline.dcm" << 1
                                       << QStringList{QStringLiteral("DerivationDescription (0008,2111)"),
                                                      QStringLiteral("SourceImageSequence (0008,2112)"),
                                                      QStringLiteral("PatientName (0010,0010)")}
                                       << QStringList() << "-" << false;
        QTest::newRow("de-identified") << "deidentified.dcm" << 0 << QStringList() << QStringList() << "NO" << false;
        QTest::newRow("burned in") << "burned-in.dcm" << 1 << QStringList() << QStringList() << "YES" << false;
        QTest::newRow("nested") << "nested.dcm" << 1
                                << QStringList{QStringLiteral("ReferencedPatientSequence (0008,1120)"),
                                               QStringLiteral("PatientName (0010,0010)")}
                                << QStringList() << "NO" << false;
        // Cut off inside the header: what was read before the cut still names the patient.
        QTest::newRow("truncated header") << "truncated.dcm" << 1 << kIdentified << priv << "-" << true;
        // Cut off in the pixels: the header is whole (the check never reads pixels).
        QTest::newRow("truncated pixels") << "truncated-pixels.dcm" << 1 << kIdentified << priv << "-" << false;
        QTest::newRow("not dicom") << "not-dicom.dcm" << -1 << QStringList() << QStringList() << "-" << true;
    }

    void check()
    {
        QFETCH(QString, file);
        QFETCH(int, identified);
        QFETCH(QStringList, attributes);
        QFETCH(QStringList, privateTags);
        QFETCH(QString, burnedIn);
        QFETCH(bool, problem);
        const dicom::DeidentificationCheck c = dicom::checkDicomFile(sample(qPrintable(file)));
        QCOMPARE(keywords(c), attributes);
        QStringList priv;
        for (const std::string &t : c.privateTags)
            priv << QString::fromStdString(t);
        QCOMPARE(priv, privateTags);
        QCOMPARE(c.burnedInAnnotation ? QString::fromStdString(*c.burnedInAnnotation) : QStringLiteral("-"), burnedIn);
        QVERIFY2(c.problem.empty() != problem, c.problem.c_str());
        const std::optional<bool> id = c.identified();
        QCOMPARE(id ? int(*id) : -1, identified);
        // The stored form gives back the same check.
        QCOMPARE(dicom::DeidentificationCheck::fromJson(c.toJson()), std::optional<dicom::DeidentificationCheck>(c));
    }

    // Real-world files from pydicom's test suite (tests/data/dicom/README.md): the check names
    // what identifies their (test) patients. "^^^^" is a name of separators only: no name.
    void realWorldFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("named");
        QTest::addColumn<QStringList>("notNamed");
        const auto l = [](std::initializer_list<const char *> words) {
            QStringList out;
            for (const char *w : words)
                out << QString::fromLatin1(w);
            return out;
        };
        QTest::newRow("CT_small") << "CT_small.dcm"
                                  << l({"StudyDate (0008,0020)", "InstitutionName (0008,0080)",
                                        "PatientName (0010,0010)", "PatientID (0010,0020)"})
                                  << QStringList();
        QTest::newRow("MR_small") << "MR_small.dcm"
                                  << l({"InstitutionName (0008,0080)", "PatientName (0010,0010)",
                                        "PatientID (0010,0020)"})
                                  << QStringList();
        QTest::newRow("MR_small_RLE") << "MR_small_RLE.dcm" << l({"PatientName (0010,0010)"}) << QStringList();
        QTest::newRow("MR_small_jpeg_ls")
            << "MR_small_jpeg_ls_lossless.dcm" << l({"PatientName (0010,0010)"}) << QStringList();
        QTest::newRow("MR_small_jp2k") << "MR_small_jp2klossless.dcm" << l({"PatientName (0010,0010)"})
                                       << QStringList();
        QTest::newRow("JPEG2000 (NEMA NM1)")
            << "JPEG2000.dcm" << l({"InstitutionName (0008,0080)", "PatientName (0010,0010)", "PatientID (0010,0020)"})
            << QStringList();
        QTest::newRow("693_J2KI") << "693_J2KI.dcm" << l({"PatientName (0010,0010)", "PatientID (0010,0020)"})
                                  << QStringList();
        QTest::newRow("JPGExtended") << "JPGExtended.dcm"
                                     << l({"InstitutionName (0008,0080)", "PatientName (0010,0010)"}) << QStringList();
        QTest::newRow("SC_rgb_jpeg_gdcm")
            << "SC_rgb_jpeg_gdcm.dcm"
            << l({"ReferringPhysicianName (0008,0090)", "PatientName (0010,0010)", "PatientID (0010,0020)"})
            << QStringList();
        QTest::newRow("rtdose") << "rtdose.dcm" << l({"PatientName (0010,0010)", "PatientID (0010,0020)"})
                                << QStringList();
        QTest::newRow("image_dfl") << "image_dfl.dcm" << QStringList()
                                   << l({"PatientName (0010,0010)", "ReferringPhysicianName (0008,0090)",
                                         "PatientID (0010,0020)"});
        QTest::newRow("GDCMJ2K_TextGBR") << "GDCMJ2K_TextGBR.dcm" << QStringList()
                                         << l({"PatientName (0010,0010)", "PatientID (0010,0020)"});
    }

    void realWorldFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, named);
        QFETCH(QStringList, notNamed);
        const std::string path = dataPath(QStringLiteral("dicom/") + file).toStdString();
        QVERIFY(std::filesystem::exists(path));
        const dicom::DeidentificationCheck c = dicom::checkDicomFile(path);
        QVERIFY2(c.problem.empty(), c.problem.c_str());
        const QStringList found = keywords(c);
        for (const QString &k : named)
            QVERIFY2(found.contains(k), qPrintable(k + QStringLiteral(" not in: ") + found.join(QStringLiteral(", "))));
        for (const QString &k : notNamed)
            QVERIFY2(!found.contains(k), qPrintable(k));
        if (!named.isEmpty())
            QCOMPARE(c.identified(), std::optional<bool>(true));
        // The whole list, for the record (docs/dicom.md quotes it).
        qInfo("%s: %s", qPrintable(file), c.identified().value_or(false) ? c.summary().c_str() : "not identified");
    }

    void truncatedDoesNotPretendToBeClean()
    {
        // The first 200 bytes hold the preamble and part of the meta header, no data set:
        // neither identified nor de-identified.
        const std::filesystem::path cut = sample("cut.dcm");
        std::ofstream(cut, std::ios::binary) << readAll(sample("identified.dcm")).substr(0, 200);
        const dicom::DeidentificationCheck c = dicom::checkDicomFile(cut);
        QVERIFY(!c.problem.empty());
        QCOMPARE(c.identified(), std::optional<bool>());
        const auto warnings = dicom::deidentificationWarnings(c);
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(warnings[0])
                    .startsWith(QStringLiteral("cannot be checked for identifying attributes: ")));
    }

    void deeplyNestedSequencesCannotCrashTheCaller()
    {
        // 20 000 nested sequences in 640 KB: DCMTK's recursive parser overflows the stack. The
        // check runs in a child process, so this process gets a problem, not a crash.
        std::string bytes;
        const auto element = [&bytes](std::uint16_t g, std::uint16_t e, std::uint32_t length) {
            const unsigned char b[8] = {std::uint8_t(g),
                                        std::uint8_t(g >> 8),
                                        std::uint8_t(e),
                                        std::uint8_t(e >> 8),
                                        std::uint8_t(length),
                                        std::uint8_t(length >> 8),
                                        std::uint8_t(length >> 16),
                                        std::uint8_t(length >> 24)};
            bytes.append(reinterpret_cast<const char *>(b), 8);
        };
        constexpr int depth = 20000;
        for (int i = 0; i < depth; ++i) {
            element(0x0008, 0x1120, 0xFFFFFFFF);
            element(0xFFFE, 0xE000, 0xFFFFFFFF);
        }
        for (int i = 0; i < depth; ++i) {
            element(0xFFFE, 0xE00D, 0);
            element(0xFFFE, 0xE0DD, 0);
        }
        const std::filesystem::path deep = sample("deep.dcm");
        std::ofstream(deep, std::ios::binary) << bytes;
        const dicom::DeidentificationCheck c = dicom::checkDicomFile(deep);
        QVERIFY(c.parserFailed);
        // (Under AddressSanitizer the child reports the overflow and exits instead of a signal.)
        QVERIFY2(c.problem.starts_with("the DICOM parser crashed on this file") ||
                     c.problem == "the DICOM parser failed on this file",
                 c.problem.c_str());
        QCOMPARE(c.identified(), std::optional<bool>());
        QCOMPARE(dicom::DeidentificationCheck::fromJson(c.toJson()), std::optional<dicom::DeidentificationCheck>(c));
        // A file the parser handles says nothing of the kind.
        QVERIFY(!dicom::checkDicomFile(sample("identified.dcm")).parserFailed);
    }

    void warningLine()
    {
        const dicom::DeidentificationCheck c = dicom::checkDicomFile(sample("identified.dcm"));
        const auto warnings = dicom::deidentificationWarnings(c);
        QCOMPARE(warnings.size(), std::size_t(1));
        QCOMPARE(
            QString::fromStdString(warnings[0]),
            QStringLiteral(
                "identifies a patient: StudyDate (0008,0020), AccessionNumber (0008,0050), "
                "InstitutionName (0008,0080), ReferringPhysicianName (0008,0090), PatientName (0010,0010), "
                "PatientID (0010,0020), PatientBirthDate (0010,0030), private attributes (0009,0010), (0009,1001)"));
        QVERIFY(dicom::deidentificationWarnings(dicom::checkDicomFile(sample("deidentified.dcm"))).empty());
    }

    void detection()
    {
        QVERIFY(dicom::isDicomEvidence("application/dicom", sample("not-dicom.dcm")));
        QVERIFY(dicom::isDicomEvidence("application/octet-stream", sample("identified.dcm"))); // DICM at 128
        QVERIFY(!dicom::isDicomEvidence("application/octet-stream", sample("not-dicom.dcm")));
        QVERIFY(!dicom::isDicomEvidence("", sample("no-such-file.dcm")));
    }

    void importStoresTheCheck()
    {
        TempStore ts;
        ExampleCopy ex;
        nlohmann::json m = ex.manifest();
        ex.writeFile("evidence/cxr-001.dcm", readAll(sample("identified.dcm")));
        ex.writeFile("evidence/cxr-002.bin", readAll(sample("deidentified.dcm"))); // found by its DICM magic
        m["evidence"].push_back({{"id", "cxr-001"},
                                 {"path", "evidence/cxr-001.dcm"},
                                 {"title", "Sample study"},
                                 {"kind", "sample"},
                                 {"media_type", "application/dicom"},
                                 {"created", "2025-02-01"}});
        m["evidence"].push_back({{"id", "cxr-002"},
                                 {"path", "evidence/cxr-002.bin"},
                                 {"title", "De-identified"},
                                 {"kind", "sample"},
                                 {"media_type", "application/octet-stream"},
                                 {"created", "2025-02-01"}});
        ex.setManifest(m);
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.ok());
        int dicomWarnings = 0;
        for (const Problem &p : problems.warnings())
            if (p.where == "evidence/cxr-001.dcm") {
                ++dicomWarnings;
                QVERIFY(p.what.starts_with("identifies a patient: StudyDate (0008,0020), "));
            }
        QCOMPARE(dicomWarnings, 1);
        Problems loadProblems;
        const auto data = loadRevision(ts.store(), r.projectId, std::nullopt, loadProblems);
        QVERIFY(data);
        QCOMPARE(data->dicomChecks.size(), std::size_t(2));
        QCOMPARE(data->dicomCheck("cxr-001")->identified(), std::optional<bool>(true));
        QCOMPARE(data->dicomCheck("cxr-002")->identified(), std::optional<bool>(false));
        QVERIFY(!data->dicomCheck("ev-datasheet"));
        // The warning is kept with the revision for the workbench.
        QVERIFY(std::any_of(data->overview.warnings.begin(), data->overview.warnings.end(), [](const std::string &w) {
            return w.starts_with("evidence/cxr-001.dcm: identifies a patient");
        }));
    }

    void storesOlderThanTheCheckAreBackfilled()
    {
        TempStore ts;
        ExampleCopy ex;
        nlohmann::json m = ex.manifest();
        ex.writeFile("evidence/cxr-001.dcm", readAll(sample("identified.dcm")));
        m["evidence"].push_back({{"id", "cxr-001"},
                                 {"path", "evidence/cxr-001.dcm"},
                                 {"title", "Sample study"},
                                 {"kind", "sample"},
                                 {"media_type", "application/dicom"},
                                 {"created", "2025-02-01"}});
        ex.setManifest(m);
        Problems problems;
        const ImportResult r = importArchive(ts.store(), ex.dir(), problems);
        QVERIFY(r.ok());
        // Make the store look like one written before the check (schema version 4: no table,
        // no column). Opening it again migrates and checks the stored file.
        sql::Database &db = ts.store().db();
        const auto rev = loadOverview(db, r.projectId)->revisionId;
        db.exec("DROP TABLE evidence_dicom");
        db.exec("ALTER TABLE revisions DROP COLUMN dicom_checked");
        // The later steps, run again too.
        db.exec("DROP TABLE revision_assets");
        db.exec("ALTER TABLE revisions DROP COLUMN assets_collected");
        db.exec("ALTER TABLE metric_series DROP COLUMN packing");
        db.exec("PRAGMA user_version = 4");
        ts.reopen();
        const auto checks = loadDicomChecks(ts.store().db(), rev);
        QCOMPARE(checks.size(), std::size_t(1));
        QCOMPARE(checks.at("cxr-001").identified(), std::optional<bool>(true));
        QCOMPARE(ts.store().db().queryInt("SELECT dicom_checked FROM revisions"), std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDicomCheck)
#include "tst_dicom_check.moc"
