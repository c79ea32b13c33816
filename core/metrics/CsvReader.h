#pragma once
/// An RFC 4180 record reader over a byte buffer: one pass, no allocation per field for
/// unquoted or escape-free quoted fields.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mltrl {

/// Splits CSV bytes into records of fields. A leading UTF-8 BOM is skipped; records end at LF
/// or CRLF; quoted fields may hold commas, line ends and `""` escapes. Blank lines are skipped
/// (they hold no record). Line numbers are 1-based physical lines.
class CsvReader {
public:
    enum class Status { Record, End, Error };

    explicit CsvReader(std::string_view bytes);

    /// Reads the next record into `fields`. The views stay valid until the next call.
    /// On Error, `error()` says what went wrong and the reader has moved past the bad record.
    Status next(std::vector<std::string_view> &fields);

    /// Physical line on which the last record (or the bad field of an error) starts.
    [[nodiscard]] std::size_t line() const { return m_recordLine; }
    /// Physical line on which field `index` (0-based) of the last record starts.
    [[nodiscard]] std::size_t fieldLine(std::size_t index) const
    {
        return index < m_fieldLines.size() ? m_fieldLines[index] : m_recordLine;
    }
    /// For Status::Error: 1-based field index and what is wrong.
    [[nodiscard]] std::size_t errorColumn() const { return m_errorColumn; }
    [[nodiscard]] const std::string &error() const { return m_error; }
    /// Bytes not read yet (for estimating the number of rows left).
    [[nodiscard]] std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_pos); }

    /// Where the next record starts, and its physical line: a caller may read plain records
    /// itself from here and hand back with skipTo().
    [[nodiscard]] const char *position() const { return m_pos; }
    [[nodiscard]] std::size_t nextLine() const { return m_line; }
    /// Goes on from `pos` (a record start at or after position()), which is on line `line`.
    void skipTo(const char *pos, std::size_t line)
    {
        m_pos = pos;
        m_line = line;
    }

private:
    Status quotedField(std::vector<std::string_view> &fields, std::size_t &scratchUsed);
    Status fail(std::size_t column, std::string what);
    void skipToLineEnd();

    const char *m_pos;
    const char *m_end;
    std::size_t m_line = 1;
    std::size_t m_recordLine = 1;
    std::size_t m_errorColumn = 0;
    std::string m_error;
    std::vector<std::size_t> m_fieldLines; // filled only when a record spans several lines
    std::deque<std::string> m_scratch;     // unescaped quoted fields; a deque keeps views stable
};

} // namespace mltrl
