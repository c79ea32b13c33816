#include "evidence/CsvEvidenceViewer.h"

#include "evidence/CsvTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
// The whole file is kept in memory (rows are split lazily); beyond this, use a real tool.
constexpr qint64 kMaxCsvBytes = 512LL * 1024 * 1024;
}

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
    m_note->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    readBytes(kMaxCsvBytes, [this](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty()) {
            m_note->setText(error);
            m_note->show();
            return;
        }
        m_model->setBytes(bytes);
        m_table->resizeColumnsToContents();
        if (!m_model->errors().isEmpty()) {
            m_note->setText(QStringLiteral("Some records could not be read: %1").arg(m_model->errors().join(QStringLiteral("; "))));
            m_note->show();
        }
    });
}

} // namespace mltrl::ui
