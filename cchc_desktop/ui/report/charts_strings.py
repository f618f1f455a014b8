"""Every word the clerk sees on the report tab's charts (the charts' own titles and series are in
documents.report_figures_data: the printed page says the same)."""

TABLE_PAGE = "&Bảng số liệu"
CHARTS_PAGE = "Biểu &đồ"
CHARTS_TITLE = "Biểu đồ của kỳ báo cáo (nhấn vào một cột để xem các hồ sơ của cột đó)"
BAR_TIP = "{series} — {category}: {count} hồ sơ.\nNhấn (hoặc Enter) để xem danh sách hồ sơ."
BAR_PERIOD = "từ ngày {start} đến ngày {end}"
WITH_FIGURES = "Kèm trang &biểu đồ"
WITH_FIGURES_TIP = (
    "In thêm một trang biểu đồ (theo tháng, theo lĩnh vực, trực tuyến/trực tiếp, quá hạn) sau phụ lục "
    "biểu II.06a, trong bản in, tệp PDF và tệp Word"
)
