#include "ui/changes/ChangesPanel.h"

#include "core/common/QtText.h"
#include "ui/common/Counted.h"
#include "ui/common/ImageBatch.h"
#include "ui/common/SafeImage.h"

#include "core/diff/LineDiff.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/changes/PdfTextDiff.h"
#include "ui/common/BackgroundJob.h"
#include "ui/session/ProjectContext.h"
#include "ui/session/StoreGuard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mltrl::ui {

struct ChangesPanel::Loaded {
    RevisionDiff diff;
    std::shared_ptr<const RevisionData> from;
    std::shared_ptr<const RevisionData> to;
    QString error;
};

namespace {

/// A unified diff as coloured HTML lines.
QString linesHtml(const LineDiff &d)
{
    if (d.tooLarge)
        return QObject::tr("<p>Too many changes (or too large a file) to show a line diff.</p>");
    if (d.identical())
        return QObject::tr("<p>No line changed.</p>");
    const QString removed =
        d.removed == 1 ? QObject::tr("1 line removed") : QObject::tr("%1 lines removed").arg(d.removed);
    QString html = QObject::tr("<p>%1, %2 added</p>").arg(removed).arg(d.added);
    // Long lines wrap at the pane's width (pre-wrap) instead of running off its edge.
    html += QStringLiteral("<pre style=\"margin:0; white-space:pre-wrap\">");
    for (const QString &line : QString::fromStdString(unifiedText(d)).split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            continue;
        const QChar mark = line.front();
        const QString colour = mark == QLatin1Char('-')   ? QStringLiteral("#fbe3d6")
                               : mark == QLatin1Char('+') ? QStringLiteral("#d8f3e6")
                               : mark == QLatin1Char('@') ? QStringLiteral("#e6ecf5")
                                                          : QString();
        html += colour.isEmpty()
                    ? line.toHtmlEscaped() + QLatin1Char('\n')
                    : QStringLiteral("<span style=\"background:%1\">%2</span>\n").arg(colour, line.toHtmlEscaped());
    }
    return html + QStringLiteral("</pre>");
}

bool isPdf(const Evidence &e)
{
    return e.mediaType == "application/pdf" ||
           QString::fromStdString(e.path).endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
}

bool isImage(const Evidence &e)
{
    if (e.mediaType.rfind("image/", 0) == 0)
        return true;
    static const QStringList exts{QStringLiteral(".png"), QStringLiteral(".jpg"), QStringLiteral(".jpeg"),
                                  QStringLiteral(".gif"), QStringLiteral(".bmp"), QStringLiteral(".svg")};
    const QString p = QString::fromStdString(e.path).toLower();
    return std::any_of(exts.begin(), exts.end(), [&](const QString &x) { return p.endsWith(x); });
}

struct Detail {
    int serial = 0;
    QString html;
    bool images = false;
    QImage oldImage, newImage;
    QString oldError, newError; ///< why a side is not shown
};

QLabel *imageLabel()
{
    auto *l = new QLabel;
    l->setAlignment(Qt::AlignCenter);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText); // a decoder's reason may quote the file
    l->setMinimumSize(120, 120);
    return l;
}

} // namespace

ChangesPanel::ChangesPanel(ProjectContext *context, QWidget *parent)
      : QWidget(parent), m_context(context), m_model(new ChangesModel(this)), m_proxy(new ChangesFilter(this)),
        m_table(new QTableView), m_from(new QComboBox), m_to(new QComboBox), m_kind(new QComboBox),
        m_level(new QComboBox), m_onlyBound(new QCheckBox(tr("Only what my reviews bound"))), m_summary(new QLabel),
        m_reviews(new QLabel), m_stack(new QStackedWidget), m_detail(new QTextBrowser), m_oldImage(imageLabel()),
        m_newImage(imageLabel())
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(ChangesModel::OldColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ChangesModel::NewColumn, QHeaderView::Stretch);
    // Kind and level are short words: fit them, so old and new values get the width.
    m_table->horizontalHeader()->setSectionResizeMode(ChangesModel::KindColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ChangesModel::LevelColumn, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);

    m_kind->addItem(tr("All kinds"), -1);
    for (const ChangeKind k : allChangeKinds())
        m_kind->addItem(qs(toString(k)), static_cast<int>(k));
    m_level->addItem(tr("All levels"), -1);
    for (int l = 0; l <= 9; ++l)
        m_level->addItem(tr("Level %1").arg(l), l);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("From")));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to")));
    bar->addWidget(m_to);
    bar->addSpacing(16);
    bar->addWidget(m_kind);
    bar->addWidget(m_level);
    bar->addWidget(m_onlyBound);
    bar->addStretch();

    auto *images = new QWidget;
    auto *imageRow = new QHBoxLayout(images);
    for (auto [label, caption] : {std::pair{m_oldImage, tr("Old")}, std::pair{m_newImage, tr("New")}}) {
        auto *col = new QVBoxLayout;
        col->addWidget(new QLabel(caption));
        auto *scroll = new QScrollArea;
        scroll->setWidget(label);
        scroll->setWidgetResizable(true);
        col->addWidget(scroll, 1);
        imageRow->addLayout(col);
    }
    m_stack->addWidget(m_detail);
    m_stack->addWidget(images);
    m_detail->setOpenLinks(false);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_summary->setWordWrap(true);
    leftLayout->addWidget(m_summary);
    leftLayout->addWidget(m_table, 1);
    m_reviews->setWordWrap(true);
    m_reviews->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_reviews);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_stack);
    // The diff gets half the width: at 1280 px a line of text must be readable there.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    // The revision pickers show their whole label ("rev 2 — imported …"), not a clipped one.
    for (QComboBox *c : {m_from, m_to})
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_context, &ProjectContext::revisionChanged, this, &ChangesPanel::reload);
    connect(m_context, &ProjectContext::reviewsChanged, this, &ChangesPanel::onPickersChanged);
    connect(m_from, &QComboBox::currentIndexChanged, this, &ChangesPanel::onPickersChanged);
    connect(m_to, &QComboBox::currentIndexChanged, this, &ChangesPanel::onPickersChanged);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const int k = m_kind->currentData().toInt();
        m_proxy->setKind(k < 0 ? std::nullopt : std::optional(static_cast<ChangeKind>(k)));
    });
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setLevel(m_level->currentData().toInt()); });
    connect(m_onlyBound, &QCheckBox::toggled, m_proxy, &ChangesFilter::setOnlyBound);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChangesPanel::showDetail);
    reload();
}

ChangesPanel::~ChangesPanel()
{
    BackgroundJob::stop(m_diffJob);
    BackgroundJob::stop(m_detailJob);
}

bool ChangesPanel::showsImages() const
{
    return m_stack->currentIndex() == 1;
}

void ChangesPanel::reload()
{
    const auto revision = m_context->revision();
    m_filling = true;
    m_from->clear();
    m_to->clear();
    m_filling = false;
    if (!revision || !m_context->store()) {
        m_model->setDiff({});
        return;
    }
    const std::string project = revision->overview.id;
    std::optional<DiffPair> pair;
    std::vector<RevisionListEntry> revisions;
    if (!guardStore(*m_context, tr("Listing the revisions to compare"), [&] {
            pair = defaultDiffPair(*m_context->store(), project);
            revisions = listRevisions(*m_context->store(), project);
        })) {
        m_summary->setText(tr("The revisions cannot be read: %1").arg(m_context->lastStoreError()));
        m_model->setDiff({});
        return;
    }
    m_filling = true;
    for (const RevisionListEntry &e : revisions) {
        const QString text = tr("revision %1 (%2)").arg(e.number).arg(QString::fromStdString(e.importedAt));
        m_from->addItem(text, e.number);
        m_to->addItem(text, e.number);
    }
    // The revision on screen against the user's last review (else the one before it).
    const int to = revision->overview.revision;
    int from = pair && pair->reviewId && pair->from <= to ? pair->from : std::max(1, to - 1);
    if (m_from->findData(from) < 0)
        from = to;
    m_from->setCurrentIndex(m_from->findData(from));
    m_to->setCurrentIndex(m_to->findData(to));
    m_filling = false;
    onPickersChanged();
}

void ChangesPanel::onPickersChanged()
{
    if (m_filling || m_from->currentIndex() < 0 || m_to->currentIndex() < 0)
        return;
    compare(m_from->currentData().toInt(), m_to->currentData().toInt());
}

void ChangesPanel::compare(int from, int to)
{
    const auto revision = m_context->revision();
    if (!revision || !m_context->store())
        return;
    BackgroundJob::stop(m_diffJob); // at most one comparison runs; a new pick ends the last
    m_summary->setText(tr("Comparing revision %1 with %2 …").arg(from).arg(to));
    const std::filesystem::path dir = m_context->store()->dir();
    const std::string project = revision->overview.id;
    // A revision already in memory (the one on screen, or either side of the last comparison)
    // is shared, not loaded again: a comparison redone because a review changed loads nothing,
    // and a revision compared with itself is loaded once. (10 000 evidence files make a
    // revision some 30 MB in memory.)
    const auto inMemory = [&](int number) -> std::shared_ptr<const RevisionData> {
        for (const auto &r : {revision, m_loaded ? m_loaded->from : nullptr, m_loaded ? m_loaded->to : nullptr})
            if (r && r->overview.id == project && r->overview.revision == number)
                return r;
        return nullptr;
    };
    m_diffJob = runJob<std::shared_ptr<Loaded>>(
        this, JobStore{dir},
        [project, from, to, haveFrom = inMemory(from), haveTo = inMemory(to)](JobContext &job) {
            auto out = std::make_shared<Loaded>();
            Problems problems;
            Store &store = job.store();
            const auto get = [&](int number,
                                 std::shared_ptr<const RevisionData> have) -> std::shared_ptr<const RevisionData> {
                if (have)
                    return have;
                auto data = loadRevision(store, project, number, problems);
                return data ? std::make_shared<const RevisionData>(std::move(*data)) : nullptr;
            };
            out->from = get(from, haveFrom);
            out->to = from == to ? out->from : get(to, haveTo);
            std::optional<RevisionDiff> diff =
                out->from && out->to ? diffRevisions(store, *out->from, *out->to, problems) : std::nullopt;
            if (!diff || !out->from || !out->to) {
                out->error = problems.items().empty() ? tr("The revisions cannot be read.")
                                                      : QString::fromStdString(problems.items().front().toString());
                return out;
            }
            out->diff = std::move(*diff);
            return out;
        },
        [this](JobResult<std::shared_ptr<Loaded>> result) {
            m_diffJob = nullptr;
            if (!result.ok()) {
                auto failed = std::make_shared<Loaded>();
                failed->error = tr("The revisions cannot be compared: %1").arg(result.error);
                result.value = failed;
            }
            onDiff(std::move(*result.value));
        });
}

void ChangesPanel::onDiff(std::shared_ptr<Loaded> loaded)
{
    m_loaded = std::move(loaded);
    if (!m_loaded->error.isEmpty()) {
        m_summary->setText(m_loaded->error);
        m_model->setDiff({});
    } else {
        const RevisionDiff &d = m_loaded->diff;
        if (d.fromRevision != d.toRevision)
            m_summary->setText(tr("Revision %1 → %2: %3")
                                   .arg(d.fromRevision)
                                   .arg(d.toRevision)
                                   .arg(counted(static_cast<qsizetype>(d.changes.size()), tr("change"))));
        else if (m_from->count() <= 1) // an empty "1 → 1" table would look like a failure
            m_summary->setText(tr("%1 has only one revision (revision %2), so there is nothing to compare yet. "
                                  "When a later export of the project is imported, its changes are listed here.")
                                   .arg(QString::fromStdString(d.projectId))
                                   .arg(d.toRevision));
        else
            m_summary->setText(tr("Revision %1 compared with itself: nothing changed. Pick another revision above.")
                                   .arg(d.toRevision));
        m_model->setDiff(d);
    }
    m_table->resizeColumnToContents(ChangesModel::KindColumn);
    m_table->resizeColumnToContents(ChangesModel::IdColumn);
    m_table->resizeColumnToContents(ChangesModel::WhatColumn);
    m_detail->setHtml(tr("<p>Select a change to see its diff.</p>"));
    m_stack->setCurrentIndex(0);
    fillReviews();
    emit diffReady();
}

bool ChangesPanel::selectShowcaseChange()
{
    if (!m_loaded || !m_loaded->to || m_proxy->rowCount() == 0)
        return false;
    int row = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const Change *c = m_model->changeAt(m_proxy->mapToSource(m_proxy->index(r, 0)));
        const Evidence *e = c && c->kind == ChangeKind::Evidence && c->what == "bytes"
                                ? m_loaded->to->manifest.findEvidence(c->id)
                                : nullptr;
        if (e && isLineDiffable(*e)) {
            row = r;
            break;
        }
    }
    m_table->setCurrentIndex(m_proxy->index(row, 0));
    m_table->scrollTo(m_table->currentIndex());
    return true;
}

void ChangesPanel::fillReviews()
{
    if (!m_loaded || m_loaded->diff.reviews.empty()) {
        m_reviews->clear();
        return;
    }
    const RevisionDiff &d = m_loaded->diff;
    QStringList lines{
        tr("<b>Reviews of revision %1, checked against revision %2</b>").arg(d.fromRevision).arg(d.toRevision)};
    for (const ReviewImpact &r : d.reviews) {
        QStringList items;
        for (const std::size_t i : r.changes)
            items << QStringLiteral("%1 %2 (%3)")
                         .arg(qs(toString(d.changes[i].kind)), QString::fromStdString(d.changes[i].id),
                              QString::fromStdString(d.changes[i].what));
        QString line = tr("%1 — %2 by %3%4: <b>%5</b>")
                           .arg(QString::fromStdString(r.gate), QString::fromStdString(r.signedAt),
                                QString::fromStdString(r.reviewerEmail), r.mine ? tr(" (yours)") : QString(),
                                QString::fromStdString(r.status));
        if (!items.isEmpty())
            line += tr("; bound items changed: %1").arg(items.join(QStringLiteral(", ")).toHtmlEscaped());
        lines << line;
    }
    m_reviews->setText(lines.join(QStringLiteral("<br>")));
}

void ChangesPanel::showLines(const QString &title, const std::string &oldText, const std::string &newText)
{
    m_stack->setCurrentIndex(0);
    m_detail->setHtml(QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped()) + linesHtml(lineDiff(oldText, newText)));
    emit detailReady();
}

void ChangesPanel::showDetail()
{
    ++m_detailSerial;
    const Change *c = m_model->changeAt(m_proxy->mapToSource(m_table->currentIndex()));
    if (!c || !m_loaded)
        return;
    const QString title =
        QStringLiteral("%1 %2: %3")
            .arg(qs(toString(c->kind)), QString::fromStdString(c->id), QString::fromStdString(c->what));
    if (c->kind == ChangeKind::Evidence && c->what == "bytes") {
        showEvidenceBytes(*c);
        return;
    }
    const auto asText = [](const nlohmann::json &v) {
        return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump(1);
    };
    showLines(title, asText(c->oldValue), asText(c->newValue));
}

void ChangesPanel::showEvidenceBytes(const Change &change)
{
    const Evidence *evidence = m_loaded->to->manifest.findEvidence(change.id);
    if (!evidence)
        return;
    const BlobStore &blobs = m_context->store()->blobs();
    const QString oldPath = QString::fromStdString(blobs.pathFor(change.oldValue.get<std::string>()).string());
    const QString newPath = QString::fromStdString(blobs.pathFor(change.newValue.get<std::string>()).string());
    const QString title =
        QStringLiteral("%1 (%2)").arg(QString::fromStdString(evidence->title), QString::fromStdString(evidence->path));
    const bool text = isLineDiffable(*evidence), pdf = isPdf(*evidence), image = isImage(*evidence);
    if (!text && !pdf && !image) {
        showLines(title, "sha256 " + change.oldValue.get<std::string>(),
                  "sha256 " + change.newValue.get<std::string>());
        return;
    }
    m_stack->setCurrentIndex(0);
    m_detail->setHtml(tr("<p>Comparing …</p>"));
    BackgroundJob::stop(m_detailJob);
    const int serial = m_detailSerial;
    const QString imageType = QString::fromStdString(evidence->mediaType);
    const QString imageSuffix = QFileInfo(QString::fromStdString(evidence->path)).suffix();
    m_detailJob = runJob<Detail>(
        this,
        [=](JobContext &context) {
            Detail d;
            d.serial = serial;
            const QString head = QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped());
            if (image) {
                d.images = true;
                // Decoded like the image viewer does (pixel budget, SVG without outside files),
                // both in one decoder process: a crash there says so in place of that side.
                imagebatch::Item item;
                item.mediaType = imageType;
                item.suffix = imageSuffix;
                std::vector<imagebatch::Item> items(2, item);
                items[0].path = oldPath;
                items[1].path = newPath;
                std::vector<SafeImage::Result> sides =
                    imagebatch::decodeAll(items, [&context] { return context.isCancelled(); });
                d.oldImage = sides[0].image;
                d.newImage = sides[1].image;
                d.oldError = sides[0].error;
                d.newError = sides[1].error;
            } else if (pdf) {
                QString error;
                const auto pages = comparePdfPageTexts(oldPath, newPath, &error);
                if (!pages) {
                    d.html = head + QStringLiteral("<p>%1</p>").arg(error.toHtmlEscaped());
                } else if (pages->empty()) {
                    d.html = head + tr("<p>The bytes changed but no page's text did.</p>");
                } else {
                    // Which pages, then each changed page's own line diff (a new version
                    // number in every footer shows as one line per page).
                    QStringList labels;
                    for (const PdfPageChange &page : *pages)
                        labels << page.label();
                    d.html =
                        head + QStringLiteral("<ul><li>%1</li></ul>").arg(labels.join(QStringLiteral("</li><li>")));
                    for (const PdfPageChange &page : *pages) {
                        if (page.kind != PdfPageChange::Kind::TextChanged)
                            continue;
                        d.html += QStringLiteral("<h4>%1</h4>").arg(page.label().toHtmlEscaped()) +
                                  linesHtml(lineDiff(page.oldText.toStdString(), page.newText.toStdString()));
                    }
                }
            } else {
                QFile a(oldPath), b(newPath);
                const LineDiffLimits limits;
                const bool ok = a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly);
                const QByteArray ab = ok ? a.read(static_cast<qint64>(limits.maxBytes) + 1) : QByteArray();
                const QByteArray bb = ok ? b.read(static_cast<qint64>(limits.maxBytes) + 1) : QByteArray();
                d.html = head +
                         (ok ? linesHtml(lineDiff(std::string_view(ab.constData(), static_cast<std::size_t>(ab.size())),
                                                  std::string_view(bb.constData(), static_cast<std::size_t>(bb.size())),
                                                  limits))
                             : tr("<p>The stored files cannot be read.</p>"));
            }
            return d;
        },
        [this, title](JobResult<Detail> result) {
            m_detailJob = nullptr;
            Detail d = std::move(result.value).value_or(Detail{});
            if (!result.ok())
                d.html =
                    QStringLiteral("<h3>%1</h3><p>%2</p>").arg(title.toHtmlEscaped(), result.error.toHtmlEscaped());
            else if (d.serial != m_detailSerial)
                return; // the user moved on
            if (d.images) {
                const auto fit = [](const QImage &img) {
                    return img.isNull() ? QPixmap()
                                        : QPixmap::fromImage(
                                              img.scaled(480, 480, Qt::KeepAspectRatio, Qt::SmoothTransformation));
                };
                const auto show = [&fit](QLabel *label, const QImage &image, const QString &error) {
                    if (image.isNull())
                        label->setText(QStringLiteral("[image not shown: %1]")
                                           .arg(error.isEmpty() ? QStringLiteral("not decoded") : error));
                    else
                        label->setPixmap(fit(image));
                };
                show(m_oldImage, d.oldImage, d.oldError);
                show(m_newImage, d.newImage, d.newError);
                m_stack->setCurrentIndex(1);
            } else {
                m_detail->setHtml(d.html);
                m_stack->setCurrentIndex(0);
            }
            emit detailReady();
        });
}

} // namespace mltrl::ui
