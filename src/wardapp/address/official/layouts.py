"""Column layouts of the official address data, exactly as published.

One definition for everything that reads or writes these files: the demo ward writes its
address data in these layouts (``wardapp.demo.official``) and the tests build samples with them,
so a layout change shows up in the readers' tests at once.  The readers themselves
(:mod:`wardapp.address.official.abr`, :mod:`wardapp.address.official.isj`) look columns up by
name and accept the older Japanese-header ABR releases too.
"""

from __future__ import annotations

#: MLIT 位置参照情報 大字・町丁目レベル header.
ISJ_TOWN_HEADER = ("都道府県コード", "都道府県名", "市区町村コード", "市区町村名", "大字町丁目コード", "大字町丁目名",
                   "緯度", "経度", "原典資料コード", "大字・字・丁目区分コード")


#: ABR headers (current English layout; the columns the Digital Agency publishes, in order).
ABR_TOWN = ("lg_code", "machiaza_id", "machiaza_type", "pref", "pref_kana", "pref_roma", "county", "county_kana",
            "county_roma", "city", "city_kana", "city_roma", "ward", "ward_kana", "ward_roma", "oaza_cho",
            "oaza_cho_kana", "oaza_cho_roma", "chome", "chome_kana", "chome_number", "koaza", "koaza_kana",
            "koaza_roma", "machiaza_dist", "rsdt_addr_flg", "rsdt_addr_mtd_code", "oaza_cho_aka_flg",
            "koaza_aka_code", "oaza_cho_gsi_uncmn", "koaza_gsi_uncmn", "status_flg", "wake_num_flg", "efct_date",
            "ablt_date", "src_code", "post_code", "remarks")
ABR_TOWN_POS = ("lg_code", "machiaza_id", "rsdt_addr_flg", "rep_lon", "rep_lat", "rep_srid", "rep_scale",
                "rep_src_code", "plygn_fname", "plygn_kcode", "plygn_fmt", "plygn_srid", "plygn_scale",
                "plygn_src_code", "pos_oaza_cho_chome_code", "pos_data_mnt_year", "cns_bnd_s_area_kcode",
                "cns_bnd_year")
ABR_BLK = ("lg_code", "machiaza_id", "blk_id", "city", "ward", "oaza_cho", "chome", "koaza", "blk_num",
           "rsdt_addr_flg", "rsdt_addr_mtd_code", "oaza_cho_aka_flg", "koaza_aka_code", "oaza_cho_gsi_uncmn",
           "koaza_gsi_uncmn", "status_flg", "efct_date", "ablt_date", "src_code", "remarks")
ABR_BLK_POS = ("lg_code", "machiaza_id", "blk_id", "rsdt_addr_flg", "rsdt_addr_mtd_code", "rep_lon", "rep_lat",
               "rep_srid", "rep_scale", "rep_src_code", "plygn_fname", "plygn_kcode", "plygn_fmt", "plygn_srid",
               "plygn_scale", "plygn_src_code")
ABR_RSDT = ("lg_code", "machiaza_id", "blk_id", "rsdt_id", "rsdt2_id", "city", "ward", "oaza_cho", "chome", "koaza",
            "blk_num", "rsdt_num", "rsdt_num2", "basic_rsdt_div", "rsdt_addr_flg", "rsdt_addr_mtd_code",
            "oaza_cho_aka_flg", "koaza_aka_code", "oaza_cho_gsi_uncmn", "koaza_gsi_uncmn", "status_flg",
            "efct_date", "ablt_date", "src_code", "remarks")
ABR_RSDT_POS = ("lg_code", "machiaza_id", "blk_id", "rsdt_id", "rsdt2_id", "rsdt_addr_flg", "rsdt_addr_mtd_code",
                "rep_lon", "rep_lat", "rep_srid", "rep_scale", "rep_src_code", "rsdt_addr_code_rdbl",
                "rsdt_addr_data_mnt_date", "basic_rsdt_div")
ABR_PARCEL = ("lg_code", "machiaza_id", "prc_id", "city", "ward", "oaza_cho", "chome", "koaza", "prc_num1",
              "prc_num2", "prc_num3", "rsdt_addr_flg", "prc_rec_flg", "prc_area_code", "efct_date", "ablt_date",
              "src_code", "remarks", "real_prop_num")
ABR_PARCEL_POS = ("lg_code", "machiaza_id", "prc_id", "rep_lon", "rep_lat", "rep_srid", "rep_scale", "rep_src_code",
                  "plygn_fname", "plygn_kcode", "plygn_fmt", "plygn_srid", "plygn_scale", "plygn_src_code",
                  "moj_map_city_code", "moj_map_oaza_code", "moj_map_chome_code", "moj_map_koaza_code",
                  "moj_map_spare_code", "moj_map_brushid")

#: MLIT 位置参照情報 街区レベル header (Ｘ・Ｙ full-width, as published).
ISJ_BLOCK_HEADER = ("都道府県名", "市区町村名", "大字・丁目名", "小字・通称名", "街区符号・地番", "座標系番号",
                    "Ｘ座標", "Ｙ座標", "緯度", "経度", "住居表示フラグ", "代表フラグ", "更新前履歴フラグ",
                    "更新後履歴フラグ")
