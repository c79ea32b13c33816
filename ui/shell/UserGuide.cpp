#include "ui/shell/UserGuide.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

/// resources/guide/guide.qrc lives in the static mltrl_ui library: registering it here makes
/// the linker keep it (Q_INIT_RESOURCE must be called outside any namespace).
static void initGuideResource()
{
    Q_INIT_RESOURCE(guide);
}

namespace mltrl::ui {

QUrl UserGuide::url()
{
    initGuideResource();
    return QUrl(QStringLiteral("qrc:/guide/index.html"));
}

UserGuide::UserGuide(QWidget *parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(tr("MLTRL Workbench — User Guide"));
    m_browser->setObjectName(QStringLiteral("userGuideBrowser"));
    m_browser->setOpenExternalLinks(true); // only links to the web leave the guide
    m_browser->setSource(url());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(720, 640);
}

} // namespace mltrl::ui
