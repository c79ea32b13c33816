#include "ui/evidence/CsvEvidenceViewer.h"

#include "ui/evidence/CsvTableModel.h"
#include "ui/evidence/FindBar.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
// The bytes shown are kept in memory (rows are split lazily as the table scrolls); beyond
// this, the first part is shown and the rest is for the system viewer or a real tool.
constexpr qint64 kMaxCsvBytes = 64LL * 1024 * 1024;
} // namespace

CsvEvidenceViewer::CsvEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_table(new QTableView(this)), m_model(new CsvTableModel(this)),
        m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("csvViewer"));
    m_table->setObjectName(QStringLiteral("csvTable"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText); // quotes the file's records
    m_note->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    m_find = new FindBar(this);
    m_find->setTarget(FindBar::itemTarget(m_table));
    layout->addWidget(m_find);
    readBytes(kMaxCsvBytes, [this](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty()) {
            m_note->setText(error);
            m_note->show();
            return;
        }
        QByteArray shown = bytes;
        const bool cut = this->source().size > shown.size();
        if (cut) // whole records only
            shown.truncate(shown.lastIndexOf('\n') + 1);
        m_model->setBytes(shown);
        if (m_model->columnCount() <= 200) // measuring thousands of columns takes seconds
            m_table->resizeColumnsToContents();
        QStringList notes;
        if (cut)
            notes << QStringLiteral(
                         "Only the first %1 MiB of %2 MiB are shown; open with the system viewer for the rest.")
                         .arg(kMaxCsvBytes / (1024 * 1024))
                         .arg(this->source().size / (1024 * 1024));
        if (!m_model->errors().isEmpty())
            notes << QStringLiteral("Some records could not be read: %1")
                         .arg(m_model->errors().mid(0, 20).join(QStringLiteral("; ")));
        if (!notes.isEmpty()) {
            m_note->setText(notes.join(QLatin1Char(' ')));
            m_note->show();
        }
    });
}

} // namespace mltrl::ui
