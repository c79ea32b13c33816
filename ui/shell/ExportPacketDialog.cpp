#include "ui/shell/ExportPacketDialog.h"
#include "core/common/AtomicFile.h"

#include "core/crypto/AllowedSigners.h"
#include "core/review/KeyRing.h"
#include "core/store/Store.h"
#include "ui/common/BackgroundJob.h"
#include "ui/packet/PacketModel.h"
#include "ui/packet/PacketWriter.h"
#include "ui/review/ReviewChecks.h"
#include "ui/session/ProjectContext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPdfDocument>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryFile>
#include <QVBoxLayout>

#include <fstream>

namespace mltrl::ui {

namespace {

constexpr int kThumbWidth = 150;
constexpr int kMaxThumbnails = 120; // enough to judge the layout; the PDF itself has all pages

/// Thumbnails of the first pages of `pdf` (QPdfDocument reads a file synchronously).
std::vector<QImage> thumbnailsOf(const QByteArray &pdf, const CancelToken &cancel)
{
    std::vector<QImage> out;
    QTemporaryFile file;
    if (!file.open() || file.write(pdf) != pdf.size() || !file.flush())
        return out;
    QPdfDocument doc;
    if (doc.load(file.fileName()) != QPdfDocument::Error::None)
        return out;
    for (int i = 0; i < doc.pageCount() && i < kMaxThumbnails && !cancel.isCancelled(); ++i) {
        const QSizeF pt = doc.pagePointSize(i);
        const QSize size(kThumbWidth, qRound(kThumbWidth * pt.height() / pt.width()));
        out.push_back(doc.render(i, size));
    }
    return out;
}

} // namespace

ExportPacketDialog::ExportPacketDialog(ProjectContext *context, QWidget *parent)
      : QDialog(parent), m_context(context), m_scope(new QComboBox(this)), m_paper(new QComboBox(this)),
        m_signers(new QLineEdit(this)), m_render(new QPushButton(QStringLiteral("&Render"), this)),
        m_cancel(new QPushButton(QStringLiteral("&Cancel rendering"), this)),
        m_save(new QPushButton(QStringLiteral("&Save PDF…"), this)), m_progress(new QProgressBar(this)),
        m_status(new QLabel(this)), m_preview(new QListWidget(this))
{
    setWindowTitle(QStringLiteral("Export review packet"));
    setObjectName(QStringLiteral("exportPacketDialog"));
    const auto revision = context->revision();
    m_scope->addItem(QStringLiteral("Whole project"), QString());
    if (revision)
        for (const Gate &g : revision->manifest.gates)
            m_scope->addItem(QStringLiteral("Gate %1 (level %2): %3")
                                 .arg(QString::fromStdString(g.id))
                                 .arg(g.level)
                                 .arg(QString::fromStdString(g.title)),
                             QString::fromStdString(g.id));
    m_paper->addItem(QStringLiteral("A4"), QStringLiteral("A4"));
    m_paper->addItem(QStringLiteral("US Letter"), QStringLiteral("Letter"));
    m_signers->setPlaceholderText(
        QStringLiteral("the workbench's trust (Keys ▸ Trust): its allowed signers and reviewer roles"));
    auto *browse = new QPushButton(QStringLiteral("Browse…"), this);
    auto *signersRow = new QHBoxLayout;
    signersRow->addWidget(m_signers, 1);
    signersRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Scope:"), m_scope);
    form->addRow(QStringLiteral("&Paper:"), m_paper);
    form->addRow(QStringLiteral("Allowed signers:"), signersRow);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_render);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_preview->setViewMode(QListView::IconMode);
    m_preview->setIconSize(QSize(kThumbWidth, qRound(kThumbWidth * 1.42)));
    m_preview->setResizeMode(QListView::Adjust);
    m_preview->setMovement(QListView::Static);
    m_preview->setSpacing(8);
    m_preview->setMinimumSize(720, 420);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(QStringLiteral("Choose what to export, then Render to see the pages before saving."));
    m_cancel->setEnabled(false);
    m_save->setEnabled(false);
    connect(m_render, &QPushButton::clicked, this, &ExportPacketDialog::render);
    connect(m_cancel, &QPushButton::clicked, this, &ExportPacketDialog::cancelRendering);
    connect(m_save, &QPushButton::clicked, this, &ExportPacketDialog::saveAs);
    connect(browse, &QPushButton::clicked, this, &ExportPacketDialog::chooseSigners);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // A new choice makes the preview out of date.
    for (QComboBox *box : {m_scope, m_paper})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            m_save->setEnabled(false);
            m_preview->clear();
        });
}

ExportPacketDialog::~ExportPacketDialog()
{
    BackgroundJob::stop(m_job);
}

void ExportPacketDialog::setBusy(bool busy)
{
    m_render->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_scope->setEnabled(!busy);
    m_paper->setEnabled(!busy);
    m_save->setEnabled(!busy && !m_pdf.isEmpty());
}

void ExportPacketDialog::render()
{
    const auto revision = m_context->revision();
    if (!revision || m_job)
        return;
    m_pdf.clear();
    m_pages = 0;
    m_preview->clear();
    m_progress->setRange(0, 0); // busy until the page count is known
    m_status->setText(QStringLiteral("Collecting the data…"));
    setBusy(true);

    const std::filesystem::path storeDir = m_context->store()->dir();
    packet::PacketRequest request;
    request.project = revision->overview.id;
    request.revision = revision->overview.revision;
    if (const QString gate = m_scope->currentData().toString(); !gate.isEmpty())
        request.gate = gate.toStdString();
    const QString signersFile = m_signers->text().trimmed();
    const packet::RenderOptions options{m_paper->currentData().toString() == QStringLiteral("Letter")
                                            ? packet::PaperSize::Letter
                                            : packet::PaperSize::A4,
                                        true};
    // The work reads the store through the job's own connection (SQLite connections belong to
    // one thread) and reports pages through the job's progress.
    m_job = runJob<Result>(
        this, JobStore{storeDir},
        [request, signersFile, options](JobContext &job) mutable {
            Result out;
            Problems problems;
            // Who may sign: the file chosen, else the workbench's trust; the roles (G4) are
            // always the workbench's reviewer_roles. Their bytes are attached to the packet.
            auto bytesOf = [](const std::filesystem::path &path) {
                std::ifstream in(path, std::ios::binary);
                return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            };
            ui::WorkbenchTrust trust = ui::workbenchTrust();
            const KeyRing keys;
            std::optional<AllowedSigners> signers;
            if (!signersFile.isEmpty()) {
                signers = AllowedSigners::load(signersFile.toStdString(), problems);
                if (!signers) {
                    out.error = QString::fromStdString(problems.items().front().toString());
                    return out;
                }
                request.signers = &*signers;
                request.signersSource = signersFile.toStdString();
                request.signersText = bytesOf(request.signersSource);
            } else if (trust.signers) {
                request.signers = &*trust.signers;
                request.signersSource = keys.allowedSignersFile().string();
                request.signersText = bytesOf(keys.allowedSignersFile());
            }
            if (trust.roles) {
                request.roles = &*trust.roles;
                request.rolesSource = keys.reviewerRolesFile().string();
                request.rolesText = bytesOf(keys.reviewerRolesFile());
            }
            const CancelToken *token = &job.cancelToken();
            auto model = packet::collectPacket(job.store(), request, problems, token);
            auto rendered = model ? packet::renderPacket(*model, options, problems, token,
                                                         [&job](int page, int pages) { job.progress(page, pages); })
                                  : std::nullopt;
            if (!rendered) {
                out.error = problems.items().empty() ? QStringLiteral("failed")
                                                     : QString::fromStdString(problems.items().front().toString());
                return out;
            }
            out.pdf = std::move(rendered->pdf);
            out.pages = rendered->pages;
            out.thumbnails = thumbnailsOf(out.pdf, *token);
            return out;
        },
        [this](JobResult<Result> r) {
            if (!r.ok())
                r.value.emplace().error = r.error;
            finish(std::move(*r.value));
        });
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 page, qint64 pages) {
        m_progress->setRange(0, static_cast<int>(pages));
        m_progress->setValue(static_cast<int>(page));
        m_status->setText(QStringLiteral("Rendering page %1 of %2…").arg(page).arg(pages));
    });
}

void ExportPacketDialog::finish(Result result)
{
    m_job = nullptr;
    m_pdf = std::move(result.pdf);
    m_pages = result.pages;
    m_progress->setRange(0, 1);
    m_progress->setValue(m_pdf.isEmpty() ? 0 : 1);
    if (m_pdf.isEmpty()) {
        m_status->setText(QStringLiteral("No packet: %1.").arg(result.error));
    } else {
        for (std::size_t i = 0; i < result.thumbnails.size(); ++i) {
            auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(result.thumbnails[i])),
                                             QStringLiteral("page %1").arg(i + 1), m_preview);
            item->setFlags(Qt::ItemIsEnabled);
        }
        m_status->setText(
            QStringLiteral("%1 pages, %2 KB%3. Save to keep it.")
                .arg(m_pages)
                .arg((m_pdf.size() + 1023) / 1024)
                .arg(int(result.thumbnails.size()) < m_pages
                         ? QStringLiteral(" (previews of the first %1 pages)").arg(result.thumbnails.size())
                         : QString()));
    }
    setBusy(false);
    emit rendered(!m_pdf.isEmpty());
}

void ExportPacketDialog::cancelRendering()
{
    if (m_job)
        m_job->cancel();
}

void ExportPacketDialog::chooseSigners()
{
    const QString file = QFileDialog::getOpenFileName(this, QStringLiteral("Allowed signers"), m_signers->text());
    if (!file.isEmpty())
        m_signers->setText(file);
}

bool ExportPacketDialog::saveTo(const QString &path)
{
    // A temporary file renamed over the target: a symbolic link there is replaced, never
    // written through (QSaveFile would follow it).
    std::string error;
    if (!writeFileAtomically(path.toStdString(),
                             std::string_view(m_pdf.constData(), static_cast<std::size_t>(m_pdf.size())), error)) {
        m_status->setText(QStringLiteral("Cannot write %1: %2").arg(path, QString::fromStdString(error)));
        return false;
    }
    emit m_context->notice(QStringLiteral("Review packet saved to %1 (%2 pages).").arg(path).arg(m_pages));
    m_status->setText(QStringLiteral("Saved to %1.").arg(path));
    return true;
}

void ExportPacketDialog::saveAs()
{
    const auto revision = m_context->revision();
    if (!revision || m_pdf.isEmpty())
        return;
    const QString gate = m_scope->currentData().toString();
    const QString name = QStringLiteral("%1-r%2%3-packet.pdf")
                             .arg(QString::fromStdString(revision->overview.id))
                             .arg(revision->overview.revision)
                             .arg(gate.isEmpty() ? QString() : QStringLiteral("-") + gate);
    const QString path =
        QFileDialog::getSaveFileName(this, QStringLiteral("Save review packet"), name, QStringLiteral("PDF (*.pdf)"));
    if (!path.isEmpty())
        saveTo(path);
}

} // namespace mltrl::ui
