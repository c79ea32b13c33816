// Renders the application icon's SVG into the PNG sizes of the hicolor theme at build time, so the
// repository holds one drawing and the package still ships bitmaps for desktops that want them.
//   mltrl-render-icon ICON.svg OUT_DIR SIZE...   →   OUT_DIR/<SIZE>x<SIZE>/apps/<ICON>.png
#include <QDir>
#include <QFileInfo>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "mltrl-render-icon: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    // Painting into a QImage needs no platform plugin (the drawing has no text), so no
    // QGuiApplication: the build stays headless and quiet.
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return fail(QStringLiteral("usage: mltrl-render-icon ICON.svg OUT_DIR SIZE..."));

    QSvgRenderer svg(args.at(1));
    if (!svg.isValid())
        return fail(QStringLiteral("cannot read %1").arg(args.at(1)));
    const QString name = QFileInfo(args.at(1)).completeBaseName();

    for (qsizetype i = 3; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size <= 0)
            return fail(QStringLiteral("not a size: %1").arg(args.at(i)));
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();

        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create %1").arg(dir));
        const QString file = QStringLiteral("%1/%2.png").arg(dir, name);
        if (!image.save(file, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(file));
    }
    return 0;
}
