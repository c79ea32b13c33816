// Revision diffs: golden pairs of revisions (the example archive, then a copy of it with one
// kind of change) and the exact change list each must give; the line diff; the default pair
// of revisions and which reviews of the older revision go stale, naming the bound items.
#include "TempStore.h"
#include "TestData.h"
#include "core/crypto/Ed25519Key.h"
#include "core/crypto/Sha256.h"
#include "core/diff/LineDiff.h"
#include "core/diff/RevisionDiff.h"
#include "core/import/Importer.h"
#include "core/manifest/Manifest.h"
#include "core/review/ReviewBuilder.h"
#include "core/review/ReviewSigner.h"
#include "core/review/ReviewStore.h"
#include "core/store/RevisionData.h"

#include <QTest>

#include <functional>
#include <set>

using namespace mltrl;
using json = nlohmann::json;

Q_DECLARE_METATYPE(std::string)

namespace {

constexpr const char *kProject = "derm-triage";

bool importDir(test::TempStore &ts, const std::filesystem::path &dir)
{
    Problems problems;
    const ImportResult r = importArchive(ts.store(), dir, problems);
    if (!r.ok())
        qWarning("%s", problems.items().empty() ? "import failed" : problems.items().front().toString().c_str());
    return r.ok();
}

/// Each change as a compact row [kind, id, what, old, new, level] so a mismatch prints readably.
json rows(const std::vector<Change> &changes)
{
    json out = json::array();
    for (const Change &c : changes)
        out.push_back(json{std::string(toString(c.kind)), c.id, c.what, c.oldValue, c.newValue,
                           c.level ? json(*c.level) : json()});
    return out;
}

std::string sha(const std::string &bytes)
{
    return sha256Hex(bytes);
}

/// Revision 2 is the example changed by `mutate`; `expected` is the exact change list.
struct GoldenCase {
    const char *name;
    std::function<void(test::ExampleCopy &, json &)> mutate;
    std::function<json()> expected;
};

const std::string kDatasheetSha = "d73df96251cf5ff0191a85fa09e6d3df41451d4b15e8b4c46836449acbc18a48";
const std::string kEthicsSha = "4e8d7062e7677b8678ba971458d7f3a4542d9f74dfe9d11349df9124062b39ce";
const std::string kSampleSha = "bc5670d809b922c51d977158d1c5db879c9df7b26d533ceaeac0eb9a1cd9aa7d";
const std::string kLossSha = "54f88b7f3beace6ffdf7da063c6d7ee143855008d7662bfef0c3f26b7f283a76";
const std::string kValAurocSha = "fbe4a721eb95f10e126165da9b0adcdfe4ac33e5381a2a38abe2549a4c27415b";
const std::string kNewDatasheet = "# Datasheet v2.2\n\nNow 14 000 images.\n";
const std::string kNewValAuroc =
    "step,value,lower,upper\n1,0.81,0.78,0.84\n2,0.88,0.85,0.90\n3,0.91,0.89,0.93\n4,0.93,0.91,0.95\n";
const std::string kNotes = "a note\n";
const std::string kRecall = "step,value\n1,0.7\n2,0.8\n";

const std::vector<GoldenCase> &goldenCases()
{
    static const std::vector<GoldenCase> cases{
        {"same content, other bytes", [](test::ExampleCopy &, json &) {}, [] { return json::array(); }},
        {"project fields",
         [](test::ExampleCopy &, json &m) {
             m["project"]["name"] = "Dermoscopy triage";
             m["project"]["summary"] = "Flags images.";
             m["project"]["exported_at"] = "2026-11-25T09:00:00Z";
             m["project"]["owners"][0]["email"] = "owner@example.org";
             m["project"]["links"].push_back({{"title", "Repo"}, {"url", "https://git.example.org/derm"}});
         },
         [] {
             return json{
                 {"project", kProject, "name", "Dermoscopy lesion triage", "Dermoscopy triage", nullptr},
                 {"project", kProject, "summary",
                  "Flags dermoscopy images that need a dermatologist within 48 h. **Decision support only.**",
                  "Flags images.", nullptr},
                 {"project", kProject, "exported_at", "2026-11-20T10:00:00Z", "2026-11-25T09:00:00Z", nullptr},
                 {"project",
                  kProject,
                  "owners",
                  {"R&D Owner <rd.owner@example.org> (R&D owner)"},
                  {"R&D Owner <owner@example.org> (R&D owner)"},
                  nullptr},
                 {"project",
                  kProject,
                  "links",
                  {"Project page <https://wiki.example.org/derm-triage>"},
                  {"Project page <https://wiki.example.org/derm-triage>", "Repo <https://git.example.org/derm>"},
                  nullptr}};
         }},
        {"level and history",
         [](test::ExampleCopy &, json &m) {
             m["project"]["current_level"] = 6;
             m["project"]["target_level"] = 8;
             m["history"][3]["reason"] = "Re-run of PoP on relabelled data.";
             m["history"].push_back(
                 {{"at", "2026-11-24"}, {"from", 5}, {"to", 6}, {"kind", "advance"}, {"gate", "gate-5"}});
         },
         [] {
             return json{{"level", kProject, "current_level", 5, 6, 6},
                         {"level", kProject, "target_level", 7, 8, 6},
                         {"history", "3", "reason", "Planned re-run of PoP on relabelled data.",
                          "Re-run of PoP on relabelled data.", 2},
                         {"history", "6", "added", nullptr, "2026-11-24 advance 5→6", 6}};
         }},
        {"components",
         [](test::ExampleCopy &, json &m) {
             m["components"][0]["level"] = 6;
             m["components"][0]["code"] = "R04.3";
             m["components"].erase(1);
             m["components"].push_back({{"id", "explainer"}, {"name", "Saliency maps"}, {"level", 4}, {"code", "R01"}});
         },
         [] {
             return json{{"level", kProject, "system_level", 5, 4, 5},
                         {"component", "classifier", "level", 5, 6, 6},
                         {"component", "classifier", "code", "R04.2", "R04.3", 6},
                         {"component", "explainer", "added", nullptr, "Saliency maps", 4},
                         {"component", "image-qc", "removed", "Image quality gate", nullptr, 6}};
         }},
        {"cards section by section",
         [](test::ExampleCopy &, json &m) {
             m["cards"][0]["caveats"] = "Not validated on smartphone images.\nNot for children.";
             m["cards"][0]["debrief"][1]["answer"] = "Paid.";
             m["cards"][0]["requirements"] = {"R1"};
             m["cards"].push_back({{"level", 4}, {"component", "classifier"}, {"tldr", "PoC card."}});
         },
         [] {
             return json{
                 {"card", "5", "caveats", "Not validated on smartphone images.",
                  "Not validated on smartphone images.\nNot for children.", 5},
                 {"card", "5", "debrief",
                  "Q: What was accomplished, and by whom?\nA: Relabelled 2 100 images (clinical team).\n\n"
                  "Q: What tech debt was gained or paid?\nA: Paid: ad-hoc preprocessing replaced by a tested module.\n",
                  "Q: What was accomplished, and by whom?\nA: Relabelled 2 100 images (clinical team).\n\n"
                  "Q: What tech debt was gained or paid?\nA: Paid.\n",
                  5},
                 {"card", "5", "requirements", {"R1", "R2"}, {"R1"}, 5},
                 {"card", "4/classifier", "added", nullptr, "PoC card.", 4}};
         }},
        {"requirements",
         [](test::ExampleCopy &, json &m) {
             m["requirements"][0]["text"] = "AUROC ≥ 0.92 on the validation set.";
             m["requirements"][0]["verification"] = "failed";
             m["requirements"][0]["validation"] = "passed";
             m["requirements"][0]["risk"]["p_failure"] = 0.3;
             m["requirements"].erase(1);
             m["cards"][0]["requirements"] = {"R1"};
             m["requirements"].push_back({{"id", "R3"}, {"text", "Runs offline."}, {"kind", "product"}});
         },
         [] {
             return json{
                 {"card", "5", "requirements", {"R1", "R2"}, {"R1"}, 5},
                 {"requirement", "R1", "text", "The classifier shall reach AUROC ≥ 0.90 on the validation set.",
                  "AUROC ≥ 0.92 on the validation set.", 4},
                 {"requirement", "R1", "risk.p_failure", 0.2, 0.3, 4},
                 {"requirement", "R1", "verification", "passed", "failed", 4},
                 {"requirement", "R1", "validation", "pending", "passed", 4},
                 {"requirement", "R3", "added", nullptr, "Runs offline.", nullptr},
                 {"requirement", "R2", "removed", "AUROC on every skin-type group shall be ≥ 0.85.", nullptr, 5}};
         }},
        {"gates and criteria",
         [](test::ExampleCopy &, json &m) {
             m["gates"][0]["title"] = "PoP review";
             json &c = m["gates"][2]["criteria"];
             c[0]["threshold"] = 0.95;
             c[0]["op"] = ">";
             c[2]["evidence"].push_back("ev-datasheet");
             c.erase(1);
             c.push_back({{"id", "calibration"}, {"text", "Calibrated"}});
         },
         [] {
             return json{{"gate", "gate-2", "title", "Proof of principle review", "PoP review", 2},
                         {"criterion", "gate-5/auroc", "op", ">=", ">", 5},
                         {"criterion", "gate-5/auroc", "threshold", 0.9, 0.95, 5},
                         {"criterion", "gate-5/auroc", "suggested", "met", "not_met", 5},
                         {"criterion", "gate-5/ethics", "evidence", {"ev-ethics"}, {"ev-ethics", "ev-datasheet"}, 5},
                         {"criterion", "gate-5/calibration", "added", nullptr, "Calibrated", 5},
                         {"criterion", "gate-5/worst-group", "removed", "Worst skin-type AUROC ≥ 0.85", nullptr, 5}};
         }},
        {"evidence",
         [](test::ExampleCopy &copy, json &m) {
             copy.writeFile("evidence/datasheet.md", kNewDatasheet);
             m["evidence"][0]["sha256"] = sha(kNewDatasheet);
             std::filesystem::rename(copy.dir() / "evidence/ethics-checklist.md", copy.dir() / "evidence/ethics-v2.md");
             m["evidence"][1]["path"] = "evidence/ethics-v2.md";
             m["evidence"][1]["title"] = "Ethics checklist (signed)";
             copy.removeFile("evidence/sample.csv");
             m["evidence"].erase(2);
             copy.writeFile("evidence/notes.txt", kNotes);
             m["evidence"].push_back({{"id", "ev-notes"},
                                      {"path", "evidence/notes.txt"},
                                      {"title", "Notes"},
                                      {"kind", "notes"},
                                      {"level", 5}});
         },
         [] {
             return json{{"evidence", "ev-datasheet", "bytes", kDatasheetSha, sha(kNewDatasheet), 2},
                         {"evidence", "ev-ethics", "path", "evidence/ethics-checklist.md", "evidence/ethics-v2.md", 4},
                         {"evidence", "ev-ethics", "title", "Ethics checklist", "Ethics checklist (signed)", 4},
                         {"evidence",
                          "ev-notes",
                          "added",
                          nullptr,
                          {{"path", "evidence/notes.txt"}, {"sha256", sha(kNotes)}},
                          5},
                         {"evidence",
                          "ev-sample",
                          "removed",
                          {{"path", "evidence/sample.csv"}, {"sha256", kSampleSha}},
                          nullptr,
                          2}};
         }},
        {"metrics",
         [](test::ExampleCopy &copy, json &m) {
             copy.writeFile("metrics/val_auroc.csv", kNewValAuroc);
             copy.removeFile("metrics/loss.csv");
             m["metrics"].erase(0);
             copy.writeFile("metrics/recall.csv", kRecall);
             m["metrics"].push_back(
                 {{"id", "recall"}, {"title", "Recall"}, {"path", "metrics/recall.csv"}, {"kind", "series"}});
         },
         [] {
             return json{
                 {"criterion", "gate-4/auroc", "observed", 0.91, 0.93, 4},
                 {"criterion", "gate-5/auroc", "observed", 0.91, 0.93, 5},
                 {"metric", "val_auroc", "bytes", kValAurocSha, sha(kNewValAuroc), 5},
                 {"metric", "val_auroc", "points", 3, 4, 5},
                 {"metric", "val_auroc", "last_value", 0.91, 0.93, 5},
                 {"metric",
                  "recall",
                  "added",
                  nullptr,
                  {{"path", "metrics/recall.csv"}, {"sha256", sha(kRecall)}},
                  nullptr},
                 {"metric", "loss", "removed", {{"path", "metrics/loss.csv"}, {"sha256", kLossSha}}, nullptr, nullptr}};
         }},
    };
    return cases;
}

/// Imports the example as revision 1 and the changed copy as revision 2.
bool importPair(test::TempStore &ts, const GoldenCase &c)
{
    if (!importDir(ts, test::dataPath(QStringLiteral("example-min")).toStdString()))
        return false;
    test::ExampleCopy copy;
    json manifest = copy.manifest();
    c.mutate(copy, manifest);
    copy.setManifest(manifest);
    return importDir(ts, copy.dir());
}

std::optional<Ed25519Key> testKey(std::uint8_t fill)
{
    std::array<std::uint8_t, 32> seed{};
    seed.fill(fill);
    return Ed25519Key::fromSeed(seed);
}

/// Signs a review of gate-5 on the latest revision with `key` and stores it as signed here.
std::string signReview(Store &store, const Ed25519Key &key)
{
    Problems problems;
    const auto rev = loadRevision(store, kProject, std::nullopt, problems);
    ReviewInput in;
    in.gate = "gate-5";
    in.outcome = "advance";
    in.rationale = "Every criterion holds.";
    in.verdicts = {
        {"auroc", "met", std::nullopt}, {"worst-group", "met", std::nullopt}, {"ethics", "met", std::nullopt}};
    in.reviewer = {"R. D.", "rd@example.org", "R&D reviewer", key.publicKey().toOpenSsh()};
    const auto record = ReviewBuilder(*rev).build(in, problems);
    const auto signedReview = record ? ReviewSigner::sign(*record, key, problems) : std::nullopt;
    if (!signedReview || !ReviewStore(store.db()).addSigned(rev->overview.revisionId, *signedReview, problems))
        return {};
    return record->id;
}

} // namespace

class TestRevisionDiff : public QObject {
    Q_OBJECT

private slots:
    void goldenPairs_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < goldenCases().size(); ++i)
            QTest::newRow(goldenCases()[i].name) << static_cast<int>(i);
    }

    void goldenPairs()
    {
        QFETCH(int, index);
        const GoldenCase &c = goldenCases()[static_cast<std::size_t>(index)];
        test::TempStore ts;
        QVERIFY(importPair(ts, c));
        Problems problems;
        const auto diff = diffRevisions(ts.store(), kProject, 1, 2, problems);
        QVERIFY(diff);
        const json actual = rows(diff->changes);
        const json expected = c.expected();
        QVERIFY2(actual == expected, qPrintable(QStringLiteral("actual:\n%1\nexpected:\n%2")
                                                    .arg(QString::fromStdString(actual.dump(1)),
                                                         QString::fromStdString(expected.dump(1)))));
        // The reverse diff lists the same items, old and new swapped.
        const auto back = diffRevisions(ts.store(), kProject, 2, 1, problems);
        QVERIFY(back);
        std::multiset<std::string> forward, reversed;
        for (const Change &f : diff->changes) {
            const std::string what = f.what == "added" ? "removed" : f.what == "removed" ? "added" : f.what;
            forward.insert(json{toString(f.kind), f.id, what, f.newValue, f.oldValue}.dump());
        }
        for (const Change &r : back->changes)
            reversed.insert(json{toString(r.kind), r.id, r.what, r.oldValue, r.newValue}.dump());
        QVERIFY(forward == reversed);
    }

    void sameRevisionHasNoChanges()
    {
        test::TempStore ts;
        QVERIFY(importDir(ts, test::dataPath(QStringLiteral("example-min")).toStdString()));
        Problems problems;
        const auto diff = diffRevisions(ts.store(), kProject, 1, 1, problems);
        QVERIFY(diff);
        QVERIFY(diff->changes.empty());
        QCOMPARE(diff->reviews.size(), std::size_t(1));
        QCOMPARE(diff->reviews[0].status, std::string("valid_unknown_signer"));
        QVERIFY(!diffRevisions(ts.store(), kProject, 1, 7, problems));
        QVERIFY(problems.hasErrors());
    }

    /// The overload on revisions already in memory gives exactly the diff of the one that
    /// loads them by number (the workbench's Changes panel shares the revision on screen).
    void loadedRevisionsGiveTheSameDiff()
    {
        test::TempStore ts;
        QVERIFY(importPair(ts, goldenCases()[7])); // evidence
        Problems problems;
        const auto byNumber = diffRevisions(ts.store(), kProject, 1, 2, problems);
        const auto a = loadRevision(ts.store(), kProject, 1, problems);
        const auto b = loadRevision(ts.store(), kProject, 2, problems);
        QVERIFY(byNumber && a && b);
        const auto loaded = diffRevisions(ts.store(), *a, *b, problems);
        QVERIFY(loaded);
        QVERIFY(!problems.hasErrors());
        QCOMPARE(toJson(*loaded).dump(), toJson(*byNumber).dump());
        QVERIFY(!loaded->changes.empty());
        const auto same = diffRevisions(ts.store(), *a, *a, problems);
        QVERIFY(same && same->changes.empty());
        QCOMPARE(same->fromRevision, 1);
        QCOMPARE(same->toRevision, 1);
    }

    void staleReviewsNameTheBoundItems()
    {
        test::TempStore ts;
        QVERIFY(importPair(ts, goldenCases()[7])); // evidence
        Problems problems;
        const auto diff = diffRevisions(ts.store(), kProject, 1, 2, problems);
        QVERIFY(diff);
        QCOMPARE(diff->reviews.size(), std::size_t(1)); // the example's imported review
        const ReviewImpact &r = diff->reviews[0];
        QCOMPARE(r.status, std::string("stale"));
        QVERIFY(!r.mine);
        QCOMPARE(r.gate, std::string("gate-5"));
        // The verifier's words: the manifest, the changed, gone and added files (the renamed
        // file has the same bytes, so the binding still holds for it).
        QCOMPARE(r.reasons.size(), std::size_t(4));
        QVERIFY(r.reasons[0].find("manifest") != std::string::npos);
        std::vector<std::string> bound;
        for (const std::size_t i : r.changes)
            bound.push_back(diff->changes[i].id + " " + diff->changes[i].what);
        QCOMPARE(bound, (std::vector<std::string>{"ev-datasheet bytes", "ev-ethics path", "ev-ethics title",
                                                  "ev-notes added", "ev-sample removed"}));
        const json j = toJson(*diff);
        QCOMPARE(j["reviews"][0]["changed"].size(), std::size_t(5));
        QCOMPARE(j["reviews"][0]["changed"][0]["kind"].get<std::string>(), std::string("evidence"));
    }

    void defaultPairFollowsTheUsersLastReview()
    {
        test::TempStore ts;
        QVERIFY(importDir(ts, test::dataPath(QStringLiteral("example-min")).toStdString()));
        auto pair = defaultDiffPair(ts.store(), kProject);
        QVERIFY(pair);
        QCOMPARE(pair->from, 1);
        QCOMPARE(pair->to, 1);
        QCOMPARE(pair->basis, std::string("only revision"));
        QVERIFY(!defaultDiffPair(ts.store(), "no-such-project"));

        // Revisions 2 and 3: without a review of the user, the previous revision.
        for (const char *name : {"v2", "v3"}) {
            test::ExampleCopy copy;
            json m = copy.manifest();
            m["project"]["name"] = name;
            copy.setManifest(m);
            QVERIFY(importDir(ts, copy.dir()));
        }
        pair = defaultDiffPair(ts.store(), kProject);
        QCOMPARE(pair->from, 2);
        QCOMPARE(pair->to, 3);
        QCOMPARE(pair->basis, std::string("previous revision"));
        QVERIFY(userReviews(ts.store(), kProject).empty()); // the example's review was imported

        // The imported review counts as the user's when its key is the user's.
        Problems ignored;
        const std::string exampleKey = diffRevisions(ts.store(), kProject, 1, 3, ignored)->reviews.at(0).fingerprint;
        QVERIFY(!exampleKey.empty());
        pair = defaultDiffPair(ts.store(), kProject, exampleKey);
        QCOMPARE(pair->from, 1);
        QCOMPARE(pair->basis, std::string("last signed review"));
        QCOMPARE(*pair->reviewId, std::string("0b7e2f64-3c1d-4a8e-9f20-5d6c7b8a9e01"));

        // A review signed here on revision 3 (the latest): nothing changed since.
        const auto key = testKey(7);
        QVERIFY(key);
        const std::string id = signReview(ts.store(), *key);
        QVERIFY(!id.empty());
        QCOMPARE(userReviews(ts.store(), kProject), std::vector<std::string>{id});
        pair = defaultDiffPair(ts.store(), kProject);
        QCOMPARE(pair->from, 3);
        QCOMPARE(pair->to, 3);
        QCOMPARE(*pair->reviewId, id);
        QCOMPARE(userReviews(ts.store(), kProject, key->publicKey().fingerprint()), std::vector<std::string>{id});
        Problems problems;
        const auto diff = diffRevisions(ts.store(), kProject, 3, 3, problems);
        QVERIFY(diff->reviews.size() == 1 && diff->reviews[0].mine);
    }

    void lineDiff_data()
    {
        QTest::addColumn<std::string>("a");
        QTest::addColumn<std::string>("b");
        QTest::addColumn<std::string>("unified");
        QTest::newRow("identical") << std::string("a\nb\n") << std::string("a\nb\n") << std::string();
        QTest::newRow("one line changed")
            << std::string("a\nb\nc\n") << std::string("a\nB\nc\n") << std::string("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        QTest::newRow("added at end") << std::string("a\n") << std::string("a\nb\n")
                                      << std::string("@@ -1,1 +1,2 @@\n a\n+b\n");
        QTest::newRow("from empty") << std::string() << std::string("x\ny") << std::string("@@ -0,0 +1,2 @@\n+x\n+y\n");
        QTest::newRow("to empty") << std::string("x\n") << std::string() << std::string("@@ -1,1 +0,0 @@\n-x\n");
        QTest::newRow("csv rows moved") << std::string("h\n1\n2\n3\n4\n") << std::string("h\n2\n3\n1\n4\n")
                                        << std::string("@@ -1,5 +1,5 @@\n h\n-1\n 2\n 3\n+1\n 4\n");
        QTest::newRow("crlf shows") << std::string("a\r\nb\n") << std::string("a\nb\n")
                                    << std::string("@@ -1,2 +1,2 @@\n-a\r\n+a\n b\n");
        QTest::newRow("two hunks")
            << std::string("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n")
            << std::string("0\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n13\n")
            << std::string("@@ -1,4 +1,4 @@\n-1\n+0\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+13\n");
    }

    void lineDiff()
    {
        QFETCH(std::string, a);
        QFETCH(std::string, b);
        QFETCH(std::string, unified);
        const LineDiff d = mltrl::lineDiff(a, b);
        QVERIFY(!d.tooLarge);
        QCOMPARE(unifiedText(d), unified);
        QCOMPARE(d.identical(), a == b);
        // Every line of both sides is there, in order.
        std::string rebuiltOld, rebuiltNew;
        for (const DiffLine &l : d.lines) {
            if (l.op != DiffLine::Op::Added)
                rebuiltOld += l.text + "\n";
            if (l.op != DiffLine::Op::Removed)
                rebuiltNew += l.text + "\n";
        }
        const auto lines = [](std::string s) { return s.empty() || s.back() == '\n' ? s : s + "\n"; };
        QCOMPARE(rebuiltOld, lines(a));
        QCOMPARE(rebuiltNew, lines(b));
    }

    void lineDiffIsBounded()
    {
        std::string a, b;
        for (int i = 0; i < 5000; ++i) {
            a += std::to_string(i) + "\n";
            b += std::to_string(i * 7 + 1) + "x\n";
        }
        QVERIFY(mltrl::lineDiff(a, b).tooLarge); // 10 000 edits > 2000
        QVERIFY(mltrl::lineDiff(a, b, {1u << 20, 20000}).removed == 5000);
        QVERIFY(mltrl::lineDiff(a, a + "tail", {16, 2000}).tooLarge); // over maxBytes
        // A long file with one change near the end: head and tail are skipped, not searched.
        std::string c = a;
        c.replace(c.size() - 5, 4, "edit");
        const LineDiff d = mltrl::lineDiff(a, c);
        QCOMPARE(d.removed, std::size_t(1));
        QCOMPARE(d.added, std::size_t(1));
    }

    void lineDiffableEvidence_data()
    {
        QTest::addColumn<std::string>("path");
        QTest::addColumn<std::string>("mediaType");
        QTest::addColumn<bool>("diffable");
        QTest::newRow("markdown type") << std::string("x.bin") << std::string("text/markdown") << true;
        QTest::newRow("json type") << std::string("x") << std::string("application/json") << true;
        QTest::newRow("ld+json") << std::string("x") << std::string("application/ld+json") << true;
        QTest::newRow("pdf") << std::string("x.pdf") << std::string("application/pdf") << false;
        QTest::newRow("png") << std::string("x.png") << std::string("image/png") << false;
        QTest::newRow("csv by extension") << std::string("data/X.CSV") << std::string() << true;
        QTest::newRow("md by extension") << std::string("a.md") << std::string("application/octet-stream") << true;
        QTest::newRow("no extension") << std::string("dir.d/README") << std::string() << false;
    }

    void lineDiffableEvidence()
    {
        QFETCH(std::string, path);
        QFETCH(std::string, mediaType);
        QFETCH(bool, diffable);
        Evidence e;
        e.path = path;
        e.mediaType = mediaType;
        QCOMPARE(isLineDiffable(e), diffable);
    }

    void kindsAndDisplay()
    {
        for (const ChangeKind k : allChangeKinds())
            QVERIFY(*changeKindFromString(toString(k)) == k);
        QVERIFY(!changeKindFromString("nope"));
        QCOMPARE(displayValue(json()), std::string("—"));
        QCOMPARE(displayValue(json(0.85)), std::string("0.85"));
        QCOMPARE(displayValue(json{"a", "b"}), std::string("a, b"));
        QCOMPARE(displayValue(json("line one\nline two")), std::string("line one …"));
        QCOMPARE(displayValue(json("ääääää"), 3), std::string("äää…"));
        QCOMPARE(displayValue(json{{"path", "e/x.md"}, {"sha256", kDatasheetSha}}, 60),
                 std::string("e/x.md (d73df96251cf…)"));
    }
};

QTEST_GUILESS_MAIN(TestRevisionDiff)
#include "tst_revision_diff.moc"
