// Meeting mode: how long a slide switch takes until the slide is painted (target: < 100 ms
// per slide), on a 1280×720 meeting window, against showing and painting an empty widget of
// the same size. Cold: every slide built in the switch (no building ahead); warm: revisited.
// The metric points load off the UI thread; the time until the plot is drawn is reported too.
// Run: QT_QPA_PLATFORM=offscreen gui_bench_meeting ARCHIVE [STORE-DIR]
#include "core/import/Importer.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/meeting/MeetingAgenda.h"
#include "ui/meeting/MeetingSession.h"
#include "ui/meeting/MeetingSlides.h"
#include "ui/meeting/MeetingView.h"
#include "ui/plots/MetricPlot.h"
#include "ui/session/ProjectContext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace mltrl;

namespace {

double ms(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double maximum(const std::vector<double> &v)
{
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

/// Switches to `index` and paints it at once, as the screen would show it.
double timedSwitch(ui::MeetingView &view, int index)
{
    QElapsedTimer t;
    t.start();
    view.goTo(index);
    view.repaint();
    return ms(t);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: gui_bench_meeting ARCHIVE [STORE-DIR]\n");
        return 2;
    }
    QTemporaryDir scratch;
    const std::filesystem::path storeDir =
        argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::path(scratch.path().toStdString());
    Problems problems;
    auto store = Store::open(storeDir, problems);
    if (!store) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    QElapsedTimer importTimer;
    importTimer.start();
    const ImportResult imported = importArchive(*store, argv[1], problems);
    if (imported.outcome != ImportResult::Outcome::Imported &&
        imported.outcome != ImportResult::Outcome::AlreadyPresent) {
        std::fprintf(stderr, "import failed\n");
        return 1;
    }
    std::fprintf(stderr, "import: %.0f ms\n", ms(importTimer));
    auto revision = loadRevision(*store, imported.projectId, std::nullopt, problems);
    if (!revision)
        return 1;
    ui::ProjectContext context(store.get());
    context.setRevision(std::make_shared<const RevisionData>(std::move(*revision)));
    const QString gate = ui::meetingGate(*context.revision(), {});

    // Reference: a new empty widget of the meeting's size, shown and painted.
    std::vector<double> reference;
    for (int i = 0; i < 15; ++i) {
        QElapsedTimer t;
        t.start();
        QWidget empty;
        empty.resize(1280, 720);
        empty.show();
        empty.repaint();
        reference.push_back(ms(t));
        QCoreApplication::processEvents();
    }

    // Entering: the session (agenda, annotations, draft) and the view with its title slide.
    QElapsedTimer enterTimer;
    enterTimer.start();
    ui::MeetingSession session(&context, gate);
    ui::MeetingView view(&session);
    view.setPrebuild(false);
    view.resize(1280, 720);
    view.show();
    view.repaint();
    const double enter = ms(enterTimer);
    QCoreApplication::processEvents();

    const int slides = view.slideCount();
    std::vector<double> cold, warm, plotReady;
    for (int i = 1; i < slides; ++i) {
        QElapsedTimer sincePress;
        sincePress.start();
        cold.push_back(timedSwitch(view, i));
        // Until the plot has its points (loaded off the UI thread) and is drawn.
        if (auto *slide = qobject_cast<ui::CriterionSlide *>(view.currentSlide()); slide && slide->plot()) {
            while (slide->plot()->isLoading())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            view.repaint();
            plotReady.push_back(ms(sincePress));
        }
        QCoreApplication::processEvents();
    }
    for (int pass = 0; pass < 3; ++pass)
        for (int i = 0; i < slides; ++i)
            warm.push_back(timedSwitch(view, (i + 1) % slides));

    std::printf("project %s, gate %s, %d slides\n", imported.projectId.c_str(), gate.toUtf8().constData(), slides);
    std::printf("reference_ms %.2f\n", median(reference));
    std::printf("enter_ms %.2f\n", enter);
    std::printf("cold_max_ms %.2f\ncold_median_ms %.2f\n", maximum(cold), median(cold));
    std::printf("warm_max_ms %.2f\nwarm_median_ms %.2f\n", maximum(warm), median(warm));
    std::printf("plot_ready_max_ms %.2f\n", maximum(plotReady));
    return 0;
}
