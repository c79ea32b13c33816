#include "ui/evidence/JsonEvidenceViewer.h"

#include "ui/evidence/EvidenceJson.h"
#include "ui/evidence/FindBar.h"
#include "ui/evidence/JsonTreeModel.h"
#include "ui/evidence/ModelCardHtml.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace mltrl::ui {

namespace {
constexpr qint64 kMaxJsonBytes = 64LL * 1024 * 1024;
}

JsonEvidenceViewer::JsonEvidenceViewer(const EvidenceSource &source, QWidget *parent)
      : EvidenceViewer(source, parent), m_model(new JsonTreeModel(this)), m_tree(new QTreeView(this)),
        m_card(new ArchiveTextBrowser(this)), m_stack(new QStackedWidget(this)),
        m_toggle(new QPushButton(QStringLiteral("Show as tree"), this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("jsonViewer"));
    m_tree->setObjectName(QStringLiteral("jsonTree"));
    m_card->setObjectName(QStringLiteral("modelCard"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::ResizeToContents);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_card);
    m_toggle->setCheckable(false);
    m_toggle->hide();
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    connect(m_toggle, &QPushButton::clicked, this, [this] { setShowCard(!showsCard()); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_error, 1);
    bar->addStretch();
    bar->addWidget(m_toggle);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    // Finds in what is on screen: the rendered card, or the tree's keys and values.
    m_find = new FindBar(this);
    const FindBar::Target inTree = FindBar::itemTarget(m_tree);
    const FindBar::Target inCard = FindBar::textTarget(m_card);
    FindBar::Target find;
    find.search = [this, inTree, inCard](const QString &needle) {
        return (showsCard() ? inCard : inTree).search(needle);
    };
    find.show = [this, inTree, inCard](int i) { (showsCard() ? inCard : inTree).show(i); };
    m_find->setTarget(std::move(find));
    layout->addWidget(m_find);

    readBytes(kMaxJsonBytes, [this](const QByteArray &bytes, const QString &error) {
        if (!error.isEmpty()) {
            m_error->setText(error);
            m_error->show();
            return;
        }
        QString parseError;
        const std::optional<nlohmann::ordered_json> doc = EvidenceJson::parseOrdered(bytes, &parseError);
        if (!doc) {
            m_error->setText(parseError);
            m_error->show();
            return;
        }
        m_model->setDocument(*doc);
        m_tree->expandToDepth(0);
        m_isModelCard = ModelCardHtml::isModelCard(*doc);
        if (m_isModelCard) {
            QHash<QString, QImage> graphics; // the card's base64 images, decoded within limits
            for (const ModelCardHtml::Graphic &g : ModelCardHtml::graphics(*doc))
                graphics.insert(g.url.toString(), g.image);
            m_card->setArchiveHtml(ModelCardHtml::render(*doc), this->source().archive, this->source().archivePath,
                                   graphics);
            m_toggle->show();
            setShowCard(true);
        }
    });
}

bool JsonEvidenceViewer::showsCard() const
{
    return m_stack->currentWidget() == m_card;
}

void JsonEvidenceViewer::setShowCard(bool card)
{
    m_stack->setCurrentWidget(card && m_isModelCard ? static_cast<QWidget *>(m_card) : m_tree);
    m_toggle->setText(showsCard() ? QStringLiteral("Show as tree") : QStringLiteral("Show as card"));
    if (m_find && m_find->isVisible())
        m_find->open(); // search again in what is now shown
}

} // namespace mltrl::ui
