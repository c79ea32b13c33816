#include "core/metrics/CsvReader.h"

#include <algorithm>
#include <cstring>

namespace mltrl {

CsvReader::CsvReader(std::string_view bytes) : m_pos(bytes.data()), m_end(bytes.data() + bytes.size())
{
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos += 3;
}

CsvReader::Status CsvReader::next(std::vector<std::string_view> &fields)
{
    fields.clear();
    while (m_pos != m_end) { // blank lines hold no record
        if (*m_pos == '\n') {
            ++m_pos;
        } else if (*m_pos == '\r' && m_end - m_pos >= 2 && m_pos[1] == '\n') {
            m_pos += 2;
        } else {
            break;
        }
        ++m_line;
    }
    if (m_pos == m_end)
        return Status::End;
    m_recordLine = m_line;
    m_fieldLines.clear();
    std::size_t scratchUsed = 0;
    for (;;) {
        if (m_line != m_recordLine) { // a quoted line end came before this field
            if (m_fieldLines.empty())
                m_fieldLines.assign(fields.size(), m_recordLine);
            m_fieldLines.push_back(m_line);
        }
        if (m_pos != m_end && *m_pos == '"') {
            if (Status s = quotedField(fields, scratchUsed); s != Status::Record)
                return s;
        } else {
            // The hot path: an unquoted field runs to the next ',' or line end.
            const char *start = m_pos;
            const char *p = m_pos;
            while (p != m_end && *p != ',' && *p != '\n')
                ++p;
            m_pos = p;
            if ((p == m_end || *p == '\n') && p != start && p[-1] == '\r')
                --p;
            fields.emplace_back(start, static_cast<std::size_t>(p - start));
        }
        if (m_pos == m_end)
            return Status::Record;
        if (*m_pos == ',') {
            ++m_pos;
            continue;
        }
        ++m_pos; // '\n'
        ++m_line;
        return Status::Record;
    }
}

CsvReader::Status CsvReader::quotedField(std::vector<std::string_view> &fields, std::size_t &scratchUsed)
{
    const std::size_t column = fields.size() + 1;
    const std::size_t startLine = m_line;
    const char *content = ++m_pos;
    bool escaped = false;
    const char *close = nullptr;
    for (;;) {
        const auto *q = static_cast<const char *>(std::memchr(m_pos, '"', static_cast<std::size_t>(m_end - m_pos)));
        if (!q) {
            m_pos = m_end;
            m_recordLine = startLine;
            return fail(column, "a quoted field is not closed");
        }
        m_line += static_cast<std::size_t>(std::count(m_pos, q, '\n'));
        if (m_end - q >= 2 && q[1] == '"') {
            escaped = true;
            m_pos = q + 2;
            continue;
        }
        close = q;
        m_pos = q + 1;
        break;
    }
    std::string_view raw(content, static_cast<std::size_t>(close - content));
    if (!escaped) {
        fields.push_back(raw);
    } else {
        if (scratchUsed == m_scratch.size())
            m_scratch.emplace_back();
        std::string &out = m_scratch[scratchUsed++];
        out.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            out.push_back(raw[i]);
            if (raw[i] == '"')
                ++i; // "" → "
        }
        fields.emplace_back(out);
    }
    if (m_pos == m_end || *m_pos == ',' || *m_pos == '\n')
        return Status::Record;
    if (*m_pos == '\r' && m_end - m_pos >= 2 && m_pos[1] == '\n') {
        ++m_pos; // the caller consumes the '\n'
        return Status::Record;
    }
    m_recordLine = startLine;
    return fail(column, "unexpected text after a closing quote");
}

CsvReader::Status CsvReader::fail(std::size_t column, std::string what)
{
    m_errorColumn = column;
    m_error = std::move(what);
    skipToLineEnd();
    return Status::Error;
}

void CsvReader::skipToLineEnd()
{
    const auto *nl = static_cast<const char *>(std::memchr(m_pos, '\n', static_cast<std::size_t>(m_end - m_pos)));
    if (!nl) {
        m_pos = m_end;
        return;
    }
    m_pos = nl + 1;
    ++m_line;
}

} // namespace mltrl
