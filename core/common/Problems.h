#pragma once
/// Problems found while reading input: errors reject it, warnings are shown beside it.
/// Core never talks to the user; it returns these and the UI or CLI presents them.
#include <string>
#include <vector>

namespace mltrl {

enum class Severity { Error, Warning };

/// One finding. `where` names the archive entry, the JSON pointer (`/gates/1/criteria/2`)
/// or `file:line:column`; `what` says in plain words what is wrong.
struct Problem {
    Severity severity = Severity::Error;
    std::string where;
    std::string what;

    /// "where: what" (or just "what" when there is no location).
    [[nodiscard]] std::string toString() const;
    /// `where` in the form compilers use and editors and CI jump to: "file:line:column",
    /// "file:line", "file:/json/pointer" (the "#" of "file#/pointer" becomes ":"), "file",
    /// or "" when there is no location.
    [[nodiscard]] std::string diagnosticLocation() const;
    /// "LOCATION: error: what" (or "warning:"), or "error: what" without a location.
    [[nodiscard]] std::string toDiagnostic() const;
    bool operator==(const Problem &) const = default;
};

/// An ordered list of findings; validation collects all of them rather than stopping early.
class Problems {
public:
    void error(std::string where, std::string what);
    void warning(std::string where, std::string what);
    void add(Problem p) { m_items.push_back(std::move(p)); }
    void append(const Problems &other);

    [[nodiscard]] bool hasErrors() const;
    [[nodiscard]] std::size_t errorCount() const;
    [[nodiscard]] std::size_t warningCount() const;
    [[nodiscard]] const std::vector<Problem> &items() const { return m_items; }
    [[nodiscard]] std::vector<Problem> errors() const;
    [[nodiscard]] std::vector<Problem> warnings() const;
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    void clear() { m_items.clear(); }

private:
    std::vector<Problem> m_items;
};

} // namespace mltrl
