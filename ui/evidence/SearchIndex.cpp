#include "ui/evidence/SearchIndex.h"

#include "core/store/Schema.h"

#include "core/sqlite/Database.h"

#include <QRegularExpression>
#include <QStringList>

namespace mltrl::ui {

SearchIndex::SearchIndex(sql::Database &db) : m_db(db) {}

bool SearchIndex::isIndexed(std::int64_t revisionId)
{
    auto st = m_db.prepare("SELECT 1 FROM search_indexed WHERE revision_id = ?");
    st.bind(1, revisionId);
    return st.step();
}

void SearchIndex::index(std::int64_t revisionId, const std::vector<Item> &items)
{
    sql::Transaction tx(m_db);
    m_db.prepare("DELETE FROM search_index WHERE revision_id = ?").bind(1, revisionId).run();
    auto insert =
        m_db.prepare("INSERT INTO search_index (revision_id, kind, item_id, title, body) VALUES (?, ?, ?, ?, ?)");
    for (const Item &item : items) {
        insert.reset();
        insert.bindAll(revisionId, item.kind.toStdString(), item.itemId.toStdString(), item.title.toStdString(),
                       item.body.toStdString());
        insert.run();
    }
    m_db.prepare("INSERT OR REPLACE INTO search_indexed (revision_id) VALUES (?)").bind(1, revisionId).run();
    tx.commit();
}

SearchIndex::Staging::Staging(SearchIndex &index) : m_db(index.m_db)
{
    m_db.exec(schema::searchStagingTable());
    m_db.exec("DELETE FROM temp.search_staging");
}

SearchIndex::Staging::~Staging()
{
    try {
        m_db.exec("DELETE FROM temp.search_staging");
    } catch (...) { // a destructor must not throw; the table is private and goes with the connection
    }
}

void SearchIndex::Staging::add(const Item &item)
{
    auto insert = m_db.prepare("INSERT INTO temp.search_staging (kind, item_id, title, body) VALUES (?, ?, ?, ?)");
    insert.bindAll(item.kind.toStdString(), item.itemId.toStdString(), item.title.toStdString(),
                   item.body.toStdString());
    insert.run();
    ++m_count;
}

void SearchIndex::Staging::commit(std::int64_t revisionId)
{
    sql::Transaction tx(m_db);
    m_db.prepare("DELETE FROM search_index WHERE revision_id = ?").bind(1, revisionId).run();
    m_db.prepare("INSERT INTO search_index (revision_id, kind, item_id, title, body) "
                 "SELECT ?, kind, item_id, title, body FROM temp.search_staging ORDER BY rowid")
        .bind(1, revisionId)
        .run();
    m_db.prepare("INSERT OR REPLACE INTO search_indexed (revision_id) VALUES (?)").bind(1, revisionId).run();
    tx.commit();
    m_db.exec("DELETE FROM temp.search_staging");
    m_count = 0;
}

QString SearchIndex::toFtsQuery(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\w]+"),
                                               QRegularExpression::UseUnicodePropertiesOption);
    const QStringList words = text.split(separators, Qt::SkipEmptyParts);
    QStringList terms;
    for (const QString &w : words)
        terms << QStringLiteral("\"%1\"").arg(w);
    if (!terms.isEmpty())
        terms.last() += QLatin1Char('*');
    return terms.join(QLatin1Char(' '));
}

std::vector<SearchIndex::Hit> SearchIndex::search(std::int64_t revisionId, const QString &text, int limit)
{
    std::vector<Hit> hits;
    const QString query = toFtsQuery(text);
    if (query.isEmpty())
        return hits;
    const std::string start = QString(kMatchStart).toStdString();
    const std::string end = QString(kMatchEnd).toStdString();
    auto st = m_db.prepare("SELECT kind, item_id, title, snippet(search_index, -1, ?, ?, '…', 16) "
                           "FROM search_index WHERE search_index MATCH ? AND revision_id = ? "
                           "ORDER BY bm25(search_index, 0.0, 0.0, 0.0, 10.0, 1.0) LIMIT ?");
    st.bindAll(start, end, query.toStdString(), revisionId, static_cast<std::int64_t>(limit));
    while (st.step())
        hits.push_back({QString::fromStdString(st.text(0)), QString::fromStdString(st.text(1)),
                        QString::fromStdString(st.text(2)), QString::fromStdString(st.text(3))});
    return hits;
}

} // namespace mltrl::ui
