#include "core/review/AnnotationTarget.h"

#include "core/manifest/Manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace mltrl {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kKinds{"evidence", "metric", "criterion", "requirement", "card", "project"};

bool isNumberArray(const json &v, std::size_t size)
{
    return v.is_array() && v.size() == size &&
           std::all_of(v.begin(), v.end(), [](const json &x) { return x.is_number(); });
}

bool nonEmptyString(const json &v)
{
    return v.is_string() && !v.get_ref<const std::string &>().empty();
}

std::optional<int> parseInt(std::string_view text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

bool checkAnnotationTarget(const json &target, const std::string &where, Problems &problems)
{
    if (!target.is_object()) {
        problems.error(where, "an annotation target must be an object");
        return false;
    }
    const auto kinds = std::count_if(kKinds.begin(), kKinds.end(),
                                     [&](std::string_view k) { return target.contains(std::string(k)); });
    if (kinds != 1) {
        problems.error(where, "an annotation target names exactly one of evidence, metric, criterion, requirement, "
                              "card or project");
        return false;
    }
    const std::size_t before = problems.errorCount();
    const auto allowOnly = [&](std::initializer_list<std::string_view> keys) {
        for (const auto &[key, value] : target.items())
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                problems.error(where + "/" + key, "not a member of this kind of target");
    };
    const auto positiveInt = [&](const char *key) {
        if (target.contains(key) && !(target[key].is_number_integer() && target[key].get<std::int64_t>() >= 1))
            problems.error(where + "/" + key, "expected an integer of at least 1");
    };
    if (target.contains("evidence")) {
        allowOnly({"evidence", "page", "rect", "line"});
        if (!nonEmptyString(target["evidence"]))
            problems.error(where + "/evidence", "expected an evidence id");
        positiveInt("page");
        positiveInt("line");
        if (target.contains("rect") && !isNumberArray(target["rect"], 4))
            problems.error(where + "/rect", "expected [x, y, width, height]");
    } else if (target.contains("metric")) {
        allowOnly({"metric", "x_range"});
        if (!nonEmptyString(target["metric"]))
            problems.error(where + "/metric", "expected a metric id");
        if (target.contains("x_range") && !isNumberArray(target["x_range"], 2))
            problems.error(where + "/x_range", "expected [from, to]");
    } else if (target.contains("criterion")) {
        allowOnly({"criterion", "gate"});
        if (!nonEmptyString(target["criterion"]))
            problems.error(where + "/criterion", "expected a criterion id");
        if (!target.contains("gate") || !nonEmptyString(target["gate"]))
            problems.error(where + "/gate", "a criterion target needs its gate id");
    } else if (target.contains("requirement")) {
        allowOnly({"requirement"});
        if (!nonEmptyString(target["requirement"]))
            problems.error(where + "/requirement", "expected a requirement id");
    } else if (target.contains("card")) {
        allowOnly({"card"});
        const json &c = target["card"];
        if (!(c.is_number_integer() && c.get<std::int64_t>() >= 0 && c.get<std::int64_t>() <= 9))
            problems.error(where + "/card", "expected a level 0..9");
    } else {
        allowOnly({"project"});
        if (target["project"] != json(true))
            problems.error(where + "/project", "expected true");
    }
    return problems.errorCount() == before;
}

std::optional<json> parseTargetSpec(std::string_view spec, Problems &problems)
{
    const auto fail = [&]() -> std::optional<json> {
        problems.error("--target",
                       fmt::format("\"{}\" is not a target: use evidence:ID[:PAGE], metric:ID, criterion:GATE/ID, "
                                   "requirement:ID, card:LEVEL or project",
                                   spec));
        return std::nullopt;
    };
    if (spec == "project")
        return json{{"project", true}};
    const std::size_t colon = spec.find(':');
    if (colon == std::string_view::npos || colon + 1 == spec.size())
        return fail();
    const std::string_view kind = spec.substr(0, colon);
    std::string_view rest = spec.substr(colon + 1);
    json target;
    if (kind == "evidence") {
        const std::size_t pageColon = rest.find(':');
        if (pageColon != std::string_view::npos) {
            const auto page = parseInt(rest.substr(pageColon + 1));
            if (!page)
                return fail();
            target["page"] = *page;
            rest = rest.substr(0, pageColon);
        }
        target["evidence"] = std::string(rest);
    } else if (kind == "metric" || kind == "requirement") {
        target[std::string(kind)] = std::string(rest);
    } else if (kind == "criterion") {
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos)
            return fail();
        target["gate"] = std::string(rest.substr(0, slash));
        target["criterion"] = std::string(rest.substr(slash + 1));
    } else if (kind == "card") {
        const auto level = parseInt(rest);
        if (!level)
            return fail();
        target["card"] = *level;
    } else {
        return fail();
    }
    if (!checkAnnotationTarget(target, "--target", problems))
        return std::nullopt;
    return target;
}

bool checkTargetExists(const json &target, const Manifest &manifest, Problems &problems)
{
    const auto missing = [&](std::string what) {
        problems.error("--target", fmt::format("{} does not exist in this revision", what));
        return false;
    };
    if (target.contains("evidence")) {
        const auto id = target["evidence"].get<std::string>();
        return manifest.findEvidence(id) ? true : missing(fmt::format("evidence \"{}\"", id));
    }
    if (target.contains("metric")) {
        const auto id = target["metric"].get<std::string>();
        return manifest.findMetric(id) ? true : missing(fmt::format("metric \"{}\"", id));
    }
    if (target.contains("requirement")) {
        const auto id = target["requirement"].get<std::string>();
        return manifest.findRequirement(id) ? true : missing(fmt::format("requirement \"{}\"", id));
    }
    if (target.contains("criterion")) {
        const auto gateId = target["gate"].get<std::string>();
        const auto id = target["criterion"].get<std::string>();
        const Gate *gate = manifest.findGate(gateId);
        if (!gate)
            return missing(fmt::format("gate \"{}\"", gateId));
        const bool found =
            std::any_of(gate->criteria.begin(), gate->criteria.end(), [&](const Criterion &c) { return c.id == id; });
        return found ? true : missing(fmt::format("criterion \"{}\" of gate \"{}\"", id, gateId));
    }
    if (target.contains("card")) {
        const int level = target["card"].get<int>();
        const bool found =
            std::any_of(manifest.cards.begin(), manifest.cards.end(), [&](const Card &c) { return c.level == level; });
        return found ? true : missing(fmt::format("a card for level {}", level));
    }
    return true;
}

} // namespace mltrl
