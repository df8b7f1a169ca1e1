package dev.planning.report;

/** The site's one style sheet: screen, narrow screens and print. */
final class Css {

    private Css() {
    }

    static final String TEXT = """
            :root{--ink:#1f2937;--muted:#4b5563;--line:#d1d5db;--bg:#ffffff;--panel:#f8fafc;--accent:#1d4ed8}
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
            a{color:var(--accent)}
            a:focus-visible,[tabindex]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
            .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
            .skip:focus{left:1rem;z-index:10}
            header.site{background:#0f172a;padding:.6rem 1.25rem}
            header.site nav{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
            header.site a{color:#fff;font-weight:600;text-decoration:none}
            header.site a:hover,header.site a:focus{text-decoration:underline}
            main{max-width:1120px;margin:0 auto;padding:1rem 1.25rem 2rem}
            footer.site{max-width:1120px;margin:0 auto;padding:1rem 1.25rem;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
            h1{font-size:1.75rem;margin:.5rem 0 .25rem}
            h2{font-size:1.35rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
            h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
            .lead{color:var(--muted);margin-top:0}
            .cards{display:grid;gap:1rem}
            .card{border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem;background:var(--panel)}
            .card h3{margin-top:0}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.75rem 0 0}
            dl.facts dt{font-weight:600;color:var(--muted)}
            dl.facts dd{margin:0}
            .badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:700;border:1px solid currentColor;white-space:nowrap}
            .ok{color:#14532d;background:#dcfce7}
            .bad{color:#7f1d1d;background:#fee2e2}
            .warn{color:#713f12;background:#fef9c3}
            .info{color:#1e3a8a;background:#dbeafe}
            ul.attention{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}
            ul.attention li{border:1px solid var(--line);border-left:6px solid #b91c1c;border-radius:6px;padding:.5rem .75rem;background:#fff}
            .scroll{overflow-x:auto;max-width:100%}
            .scroll svg{max-width:none}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.925rem}
            th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
            th{background:#eef2f7}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.875em;overflow-wrap:anywhere}
            svg{max-width:100%;height:auto;display:block}
            svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            .lifecycle .narrow{display:none}
            figure{margin:0}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem}
            .chart{border:1px solid var(--line);border-radius:8px;padding:.5rem;background:#fff}
            .chart figcaption{font-size:.9rem;margin-bottom:.25rem}
            ol.source{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:6px;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85rem;overflow-x:auto}
            ol.source li{display:grid;grid-template-columns:4.5em 1fr;min-height:1.4em;scroll-margin-top:5rem}
            ol.source a.ln{color:var(--muted);text-align:right;padding-right:.75em;border-right:1px solid var(--line);text-decoration:none;user-select:none}
            ol.source code{white-space:pre;padding-left:.75em;font-size:1em}
            ol.source li.hit{background:#fef9c3;box-shadow:inset 6px 0 0 #b45309}
            ol.source li:target{background:#dbeafe;outline:3px solid var(--accent);outline-offset:-3px}
            ol.source .note{grid-column:2;white-space:normal;font-family:system-ui,sans-serif;padding:.2rem .75em .4rem;color:#7c2d12;font-weight:600}
            .problems li{color:#7f1d1d}
            @media (max-width:640px){
              body{font-size:15px}
              main{padding:.75rem}
              .lifecycle .wide{display:none}
              .lifecycle .narrow{display:block;max-width:300px}
              dl.facts{grid-template-columns:1fr}
              dl.facts dd{margin-bottom:.4rem}
              h1{font-size:1.4rem}
            }
            @media print{
              header.site,.skip{display:none}
              body{font-size:11pt;color:#000}
              main{max-width:none;padding:0}
              a{color:#000;text-decoration:none}
              .card,.chart,figure,tr,ul.attention li{break-inside:avoid}
              .scroll{overflow:visible}
              h2{break-after:avoid}
              .lifecycle .narrow{display:none}
              .lifecycle .wide{display:block}
            }
            """;
}
