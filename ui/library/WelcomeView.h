#pragma once
/// The first-run view: what the library shows while the store holds no project. Says what the
/// workbench is for and offers the first steps — the bundled example, an archive (or a drop
/// onto the window), the signing key, the user guide. The library's header offers the same
/// actions once there are projects.
#include <QWidget>

class QLabel;
class QPushButton;

namespace mltrl::ui {

class WelcomeView : public QWidget {
    Q_OBJECT
public:
    explicit WelcomeView(QWidget *parent = nullptr);

    /// Enables "Open the bundled example" (false: the example was not found; `why` says where
    /// it was looked for).
    void setExampleAvailable(bool available, const QString &why = {});
    /// The key line under the key button ("Signing as …", or that there is none yet).
    void setKeyStatus(const QString &text);

    [[nodiscard]] QPushButton *exampleButton() const { return m_example; }
    [[nodiscard]] QPushButton *openButton() const { return m_open; }
    [[nodiscard]] QPushButton *keyButton() const { return m_key; }
    [[nodiscard]] QPushButton *guideButton() const { return m_guide; }
    [[nodiscard]] QLabel *keyStatus() const { return m_keyStatus; }

signals:
    void exampleRequested();
    void openRequested();
    void keyRequested();
    void guideRequested();

private:
    QPushButton *m_example;
    QPushButton *m_open;
    QPushButton *m_key;
    QPushButton *m_guide;
    QLabel *m_exampleNote;
    QLabel *m_keyStatus;
};

} // namespace mltrl::ui
