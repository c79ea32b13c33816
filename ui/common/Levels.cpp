#include "ui/common/Levels.h"

#include <array>

namespace mltrl::ui {

Stage stageOf(int level)
{
    if (level <= 2)
        return Stage::Research;
    if (level <= 5)
        return Stage::Prototyping;
    if (level <= 8)
        return Stage::Productization;
    return Stage::Deployment;
}

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Research:
        return QStringLiteral("research");
    case Stage::Prototyping:
        return QStringLiteral("prototyping");
    case Stage::Productization:
        return QStringLiteral("productization");
    case Stage::Deployment:
        return QStringLiteral("deployment");
    }
    return {};
}

QColor stageColor(Stage stage)
{
    // Chosen for contrast with near-black text (≥ 4.5:1) and for staying apart under the
    // common colour-vision deficiencies; every use also carries text, never colour alone.
    switch (stage) {
    case Stage::Research:
        return QColor(0xd0, 0x5c, 0x4e);
    case Stage::Prototyping:
        return QColor(0xe8, 0x93, 0x3a);
    case Stage::Productization:
        return QColor(0xe6, 0xc4, 0x4c);
    case Stage::Deployment:
        return QColor(0x4f, 0xa8, 0x6b);
    }
    return {};
}

namespace {
struct LevelNames {
    const char *full;
    const char *shortName;
};
constexpr std::array<LevelNames, 10> kNames{{
    {"First Principles", "First principles"},
    {"Goal-oriented Research", "Goal-oriented research"},
    {"Proof of Principle (PoP) Development", "Proof of principle"},
    {"Systems Development", "Systems development"},
    {"Proof of Concept (PoC) Development", "Proof of concept"},
    {"Machine Learning \u201cCapability\u201d", "ML capability"},
    {"Application Development", "Application development"},
    {"Integrations", "Integrations"},
    {"Flight-ready (mission-ready)", "Mission-ready"},
    {"Deployment", "Deployment"},
}};
} // namespace

QString levelName(int level)
{
    if (level < kLowestLevel || level > kHighestLevel)
        return {};
    return QString::fromUtf8(kNames[static_cast<std::size_t>(level)].full);
}

QString levelShortName(int level)
{
    if (level < kLowestLevel || level > kHighestLevel)
        return {};
    return QString::fromUtf8(kNames[static_cast<std::size_t>(level)].shortName);
}

} // namespace mltrl::ui
