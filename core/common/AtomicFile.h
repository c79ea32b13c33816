#pragma once
/// Writing an output file (an exported archive, a packet, a public key) so that the target is
/// either the old file or the whole new one, and so that nothing planted at the target path can
/// redirect the write: the bytes go to a new temporary file beside the target (created
/// exclusively, so never through a symbolic link), which is then renamed over the target. A
/// symbolic link at the target is replaced by the file, never followed. (QSaveFile follows a
/// symbolic link at the target and writes where it points.)
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace mltrl {

class AtomicFile {
public:
    /// What commit() does when something exists at the target already.
    enum class Existing {
        Replace, ///< replace it (a file or a symbolic link; a folder is an error)
        Refuse,  ///< fail with "already exists" and leave it alone (also a dangling link)
    };

    /// `mode`: the new file's permissions (before the umask, as open() does; 0600 stays 0600).
    explicit AtomicFile(std::filesystem::path target, Existing existing = Existing::Replace, unsigned mode = 0666);
    ~AtomicFile(); ///< removes the temporary file unless committed
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /// Creates the temporary file. False with the reason in error().
    bool open();
    bool write(const void *data, std::size_t size);
    bool write(std::string_view bytes) { return write(bytes.data(), bytes.size()); }
    /// Syncs the temporary file, puts it in place and syncs the folder.
    bool commit();
    /// Removes the temporary file; the target is untouched.
    void cancel();

    [[nodiscard]] const std::filesystem::path &target() const { return m_target; }
    /// What went wrong, in plain words (without the path).
    [[nodiscard]] const std::string &error() const { return m_error; }

private:
    bool fail(std::string what, int err);

    std::filesystem::path m_target;
    Existing m_existing;
    unsigned m_mode;
    std::string m_temp;
    int m_fd = -1;
    std::string m_error;
};

/// Writes `bytes` to `target` through an AtomicFile. False with the reason in `error`.
bool writeFileAtomically(const std::filesystem::path &target, std::string_view bytes, std::string &error,
                         AtomicFile::Existing existing = AtomicFile::Existing::Replace, unsigned mode = 0666);

} // namespace mltrl
