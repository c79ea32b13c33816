#pragma once
/// DICOM images: window/level (the file's own windows, lung, bone, soft tissue, full range;
/// right-drag changes it: across for width, down for level), the frames of a multi-frame
/// object, zoom and pan as the image viewer has, and the header as a searchable table
/// (keyword, tag, VR, value). Frames and the header are decoded in the decoder process
/// (DicomProcess: `mltrl-decode`), waited for off the UI thread; the window is applied here. A
/// file that cannot be decoded says "cannot be shown: …"; a decoder that crashed, hung, went past
/// its limits or answered nonsense says "This DICOM image could not be shown: … The workbench
/// is not affected." with "Try again". Identified files say so above the image.
#include "ui/evidence/DicomFrame.h"
#include "ui/evidence/EvidenceViewer.h"

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace mltrl::ui {

class ZoomableImageView;

class DicomEvidenceViewer : public EvidenceViewer {
    Q_OBJECT
public:
    explicit DicomEvidenceViewer(const EvidenceSource &source, QWidget *parent = nullptr);
    ~DicomEvidenceViewer() override;

    [[nodiscard]] ZoomableImageView *view() const { return m_view; }
    [[nodiscard]] QComboBox *presets() const { return m_presets; }
    [[nodiscard]] QSpinBox *frameBox() const { return m_frame; }
    [[nodiscard]] QLineEdit *tagSearch() const { return m_search; }
    [[nodiscard]] QSortFilterProxyModel *tags() const { return m_proxy; }
    /// "cannot be shown: …" or "This DICOM image could not be shown: …", or empty.
    [[nodiscard]] QString errorText() const;
    /// "Try again", shown when the decoder process failed.
    [[nodiscard]] QPushButton *retryButton() const { return m_retry; }
    /// The de-identification line ("Identifies a patient: …"), or empty.
    [[nodiscard]] QString identifiedText() const;

    [[nodiscard]] int frameCount() const { return m_frameData ? m_frameData->frameCount : 0; }
    [[nodiscard]] int currentFrame() const { return m_frameData ? m_frameData->frame : -1; }
    /// Shows frame `frame` (0-based; decoded off the UI thread; `frameShown` follows).
    void setFrame(int frame);
    [[nodiscard]] double windowCenter() const { return m_center; }
    [[nodiscard]] double windowWidth() const { return m_width; }
    void setWindow(double center, double width);
    /// The frame as shown (after window/level), in image pixels.
    [[nodiscard]] const QImage &shownImage() const { return m_shown; }

    void showRegion(int page, const QRectF &points) override;

signals:
    void frameShown(int frame);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startDecode(int frame, bool first);
    void frameDecoded(DicomFrame frame, bool first);
    void fillPresets();
    void applyPreset(int index);
    void render();
    void updateInfo();
    void showError(const DicomFrame &failed);
    void retry();

    ZoomableImageView *m_view = nullptr;
    QLabel *m_identified = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_retry = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_windowText = nullptr;
    QComboBox *m_presets = nullptr;
    QSpinBox *m_frame = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;

    std::shared_ptr<const DicomFrame> m_frameData;
    QImage m_shown;
    double m_center = 0;
    double m_width = 1;
    int m_generation = 0;
    bool m_decoding = false;   ///< a decode is under way: frame changes wait for it
    int m_wantedFrame = -1;    ///< the frame asked for while one was being decoded
    bool m_tagsLoaded = false; ///< the header is in the table
    QString m_tagError;        ///< why the header is not (whole) in the table
    bool m_dragging = false;
    QPoint m_dragStart;
    double m_dragCenter = 0;
    double m_dragWidth = 1;
};

} // namespace mltrl::ui
