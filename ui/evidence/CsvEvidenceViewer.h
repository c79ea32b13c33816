#pragma once
/// CSV evidence as a table with its header row (rows load lazily while scrolling).
#include "ui/evidence/EvidenceViewer.h"

class QTableView;
class QLabel;

namespace mltrl::ui {

class CsvTableModel;
class FindBar;

class CsvEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit CsvEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] CsvTableModel *model() const { return m_model; }
    [[nodiscard]] FindBar *findBar() const { return m_find; }

private:
    QTableView *m_table = nullptr;
    CsvTableModel *m_model = nullptr;
    QLabel *m_note = nullptr;
    FindBar *m_find = nullptr;
};

} // namespace mltrl::ui
