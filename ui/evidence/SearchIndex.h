#pragma once
/// Full-text search over a revision's evidence, cards and requirements (SQLite FTS5), kept in
/// the store's own database. Its tables (`search_index`, `search_indexed`) are created and
/// migrated by the store's schema (core/store/Schema.cpp, version 6) like every other table.
/// One SearchIndex per connection; connections stay on the thread that opened them.
#include <QString>

#include <cstdint>
#include <vector>

namespace mltrl::sql {
class Database;
}

namespace mltrl::ui {

class SearchIndex {
public:
    /// What an entry is: evidence (item id = evidence id), card (item id = "level/component"),
    /// requirement (item id = requirement id).
    struct Item {
        QString kind;
        QString itemId;
        QString title;
        QString body;
    };
    struct Hit {
        QString kind;
        QString itemId;
        QString title;
        /// Matching words wrapped in kMatchStart/kMatchEnd (plain text otherwise).
        QString snippet;
    };
    static constexpr QChar kMatchStart = QChar(0x2045); // ⁅
    static constexpr QChar kMatchEnd = QChar(0x2046);   // ⁆

    explicit SearchIndex(sql::Database &db);

    [[nodiscard]] bool isIndexed(std::int64_t revisionId);
    /// Replaces the revision's entries with `items` and marks it indexed, in one transaction.
    void index(std::int64_t revisionId, const std::vector<Item> &items);

    /// Builds a revision's entries one item at a time, so the texts of 10 000 files are never
    /// all in memory: `add` writes each item to a staging table private to this connection
    /// (SQLite's temporary storage, on disk beyond its small page cache); `commit` replaces the
    /// revision's entries with them and marks it indexed, in one transaction. Nothing reaches
    /// the index before `commit`; a Staging dropped without it leaves the index as it was.
    class Staging {
    public:
        explicit Staging(SearchIndex &index);
        ~Staging();
        Staging(const Staging &) = delete;
        Staging &operator=(const Staging &) = delete;
        void add(const Item &item);
        void commit(std::int64_t revisionId);
        [[nodiscard]] std::size_t size() const { return m_count; }

    private:
        sql::Database &m_db;
        std::size_t m_count = 0;
    };
    /// Hits for the user's words (each word matched as a prefix), best first.
    [[nodiscard]] std::vector<Hit> search(std::int64_t revisionId, const QString &text, int limit = 100);
    /// The user's words as an FTS5 query: each word quoted, the last one a prefix.
    static QString toFtsQuery(const QString &text);

private:
    sql::Database &m_db;
};

} // namespace mltrl::ui
