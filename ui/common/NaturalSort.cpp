#include "ui/common/NaturalSort.h"

namespace mltrl::ui {

namespace {

int compareDigits(QStringView a, QStringView b)
{
    // Without leading zeros the longer run is the larger number.
    const auto strip = [](QStringView s) {
        qsizetype i = 0;
        while (i + 1 < s.size() && s[i] == QLatin1Char('0'))
            ++i;
        return s.mid(i);
    };
    const QStringView x = strip(a);
    const QStringView y = strip(b);
    if (x.size() != y.size())
        return x.size() < y.size() ? -1 : 1;
    for (qsizetype i = 0; i < x.size(); ++i)
        if (x[i] != y[i])
            return x[i].digitValue() < y[i].digitValue() ? -1 : 1;
    return 0;
}

int sign(qsizetype v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

} // namespace

int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    int tieBreak = 0; // leading zeros, then letter case: only when all else is equal
    while (i < a.size() && j < b.size()) {
        const bool da = a[i].isDigit();
        const bool db = b[j].isDigit();
        if (da && db) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const QStringView ra = QStringView(a).mid(i, ei - i);
            const QStringView rb = QStringView(b).mid(j, ej - j);
            if (const int c = compareDigits(ra, rb); c != 0)
                return c;
            if (tieBreak == 0)
                tieBreak = sign(ra.size() - rb.size());
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca.unicode() < cb.unicode() ? -1 : 1;
        if (tieBreak == 0 && a[i] != b[j])
            tieBreak = a[i].unicode() < b[j].unicode() ? -1 : 1;
        ++i;
        ++j;
    }
    if (const int rest = sign((a.size() - i) - (b.size() - j)); rest != 0)
        return rest;
    return tieBreak;
}

bool NaturalSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    if (l.userType() == QMetaType::QString && r.userType() == QMetaType::QString)
        return naturalLess(l.toString(), r.toString());
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace mltrl::ui
