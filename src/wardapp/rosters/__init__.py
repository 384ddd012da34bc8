"""Printed rosters (名簿) and their exports (issue 6), headless; docs/rosters.md.

The entry point is :func:`wardapp.rosters.service.make_roster` (the CLI ``wardapp roster`` and
the GUI's 名簿 page call it); :func:`~wardapp.rosters.service.prepare_roster` gives the counts for a
preview.  Nothing is imported here, so that ``import wardapp.rosters.consent`` stays light.

* :mod:`~wardapp.rosters.consent` — 平常時 / 災害時 and 同意 (災害対策基本法 第49条の10〜13);
* :mod:`~wardapp.rosters.content` — a selection as printed rows, sections per 町字 / 避難所;
* :mod:`~wardapp.rosters.shelters` — each household's nearest 指定避難所;
* :mod:`~wardapp.rosters.mapdraw`, :mod:`~wardapp.rosters.cover` — the first page's vector map and legend;
* :mod:`~wardapp.rosters.layout` — page-by-page tables that never split a household;
* :mod:`~wardapp.rosters.pdf_roster`, :mod:`~wardapp.rosters.pdf_check` — 地域名簿, 安否確認チェックリスト;
* :mod:`~wardapp.rosters.export` — CSV (CP932 / UTF-8 BOM) and XLSX.
"""
