// MetricPlot's export: PNG, PDF or SVG, by the file name's suffix.
#include "ui/plots/MetricPlot.h"

#include "qcustomplot.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSvgGenerator>

namespace mltrl::ui {

bool MetricPlot::exportTo(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QStringLiteral("png"))
        return m_plot->savePng(fileName, 0, 0, 2.0);
    if (suffix == QStringLiteral("pdf"))
        return m_plot->savePdf(fileName);
    if (suffix == QStringLiteral("svg")) {
        QSvgGenerator generator;
        generator.setFileName(fileName);
        generator.setSize(m_plot->size());
        generator.setViewBox(m_plot->rect());
        generator.setTitle(m_prepared ? QString::fromStdString(m_prepared->metric.title) : QString());
        QCPPainter painter;
        if (!painter.begin(&generator))
            return false;
        m_plot->toPainter(&painter, m_plot->width(), m_plot->height());
        return painter.end();
    }
    return false;
}

bool MetricPlot::exportWithDialog(const QString &format)
{
    QString fileName = m_nextExportFileName;
    m_nextExportFileName.clear();
    if (fileName.isEmpty()) {
        const QString suffix = format.toLower();
        const QString base = m_prepared ? QString::fromStdString(m_prepared->metric.id) : QStringLiteral("plot");
        fileName =
            QFileDialog::getSaveFileName(this, tr("Export plot as %1").arg(format), base + QLatin1Char('.') + suffix,
                                         tr("%1 files (*.%2)").arg(format, suffix));
    }
    if (fileName.isEmpty())
        return false;
    return exportTo(fileName);
}

} // namespace mltrl::ui
