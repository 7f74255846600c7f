<?xml version="1.0" encoding="UTF-8"?>
<!--
  The RSS feeds as a page of the site, for a reader who opens a feed in a browser: what a feed is, the
  address to copy into a feed reader, and the items as titles, dates and summaries. Every value comes
  from the feed itself (no address is written here), so it serves both feeds and any copy of the site.

  The feeds name it in <?xml-stylesheet?> (mkdocs.yml: the rss plugin's `stylesheet`), relative to the
  feed, so the browser loads it from the feed's own origin. Each item's summary is its post's
  `description`, which hooks/mindwork_site/feeds.py writes as <dcterms:abstract>; the item's
  <description> holds the whole article for feed readers and is never shown here.

  Nothing but this page: no script, no image, no font, nothing fetched from anywhere. It ends, as every
  page of the site does, with the medical disclaimer and the crisis line: MkDocs renders this file as a
  template (`theme.static_templates` in mkdocs.yml) to include the site's own partials.
  Colours: the site's palette, light and dark, checked against WCAG AA.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dcterms="http://purl.org/dc/terms/"
    exclude-result-prefixes="atom dcterms">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- RFC 822 months (as in pubDate), and their English names padded to nine characters each. -->
  <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
  <xsl:variable name="month-names"
      select="'January  February March    April    May      June     July     August   September October  November December '"/>

  <xsl:template match="/">
    <xsl:apply-templates select="rss/channel"/>
  </xsl:template>

  <xsl:template match="channel">
    <xsl:variable name="site" select="normalize-space(title)"/>
    <xsl:variable name="address" select="normalize-space(atom:link[@rel = 'self']/@href)"/>
    <html lang="en">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <link rel="icon" href="assets/images/logo.svg"/>
        <title><xsl:value-of select="$site"/>: the blog's feed (RSS)</title>
        <style>
          :root {
            color-scheme: light dark;
            --bg: #fbf9f4;
            --text: #1d2725;
            --muted: #4d5a56;
            --link: #1c5e55;
            --band: #1f4a44;
            --band-text: #ffffff;
          }
          @media (prefers-color-scheme: dark) {
            :root {
              --bg: #151c1b;
              --text: #e7ece9;
              --muted: #aebab6;
              --link: #8fd0c3;
              --band: #1d3330;
              --band-text: #ffffff;
            }
          }
          * { box-sizing: border-box; }
          html { background: var(--bg); color: var(--text); }
          body {
            margin: 0;
            font-family: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
            font-size: 18px;
            line-height: 1.6;
          }
          .wrap { max-width: 70ch; margin: 0 auto; padding: 0 1.25rem; }
          .band { background: var(--band); color: var(--band-text); padding: 1.75rem 0 1.5rem; }
          .band h1 { margin: 0; font-size: 2rem; line-height: 1.2; }
          .band p { margin: 0.5rem 0 0; }
          main { padding: 1.5rem 1.25rem 3rem; }
          h2 { font-size: 1.4rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
          a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
          a:hover { text-decoration-thickness: 0.15em; }
          a:focus, input:focus { outline: 3px solid var(--link); outline-offset: 2px; }
          label { display: block; font-weight: 600; margin-top: 1rem; }
          input {
            display: block;
            width: 100%;
            margin: 0.25rem 0 0.5rem;
            padding: 0.6rem 0.75rem;
            font: inherit;
            font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
            font-size: 1rem;
            color: var(--text);
            background: var(--bg);
            border: 2px solid var(--muted);
            border-radius: 4px;
          }
          .hint, .date { color: var(--muted); }
          .hint { margin-top: 0; font-size: 1rem; }
          ol { list-style: none; margin: 0; padding: 0; }
          li { padding: 1rem 0; border-top: 1px solid var(--muted); }
          li h3 { font-size: 1.2rem; line-height: 1.35; margin: 0; }
          li p { margin: 0.25rem 0 0; }
          .date { font-size: 1rem; }
          .disclaimer { border-top: 1px solid var(--muted); padding: 1rem 1.25rem 2rem; font-size: 1rem; max-width: 70ch; margin: 0 auto; }
          .disclaimer p { margin: 0.4rem 0; }
          .disclaimer a { display: inline-block; min-width: 24px; min-height: 24px; font-weight: 700; }
        </style>
      </head>
      <body>
        <header class="band">
          <div class="wrap">
            <h1><xsl:value-of select="$site"/></h1>
            <p>The blog's feed: new articles, for your feed reader</p>
          </div>
        </header>
        <main class="wrap">
          <h2>What is this page?</h2>
          <p>
            This is the blog's feed (RSS). A feed is a list of the newest articles that a feed reader
            app can follow for you: once you subscribe, each new article shows up in your reader when
            it is published. You do not need to give anyone your e-mail address.
          </p>
          <h2>How to subscribe</h2>
          <p>
            Copy the feed's address below, then paste it into your feed reader, where it says
            something like “Add feed” or “Subscribe”.
          </p>
          <xsl:choose>
            <xsl:when test="$address != ''">
              <label for="feed-address">Feed address</label>
              <input id="feed-address" type="text" readonly="readonly" spellcheck="false"
                  aria-describedby="feed-address-hint" value="{$address}"/>
              <p id="feed-address-hint" class="hint">Select the address and copy it.</p>
            </xsl:when>
            <xsl:otherwise>
              <p>The feed's address is the address of this page, in your browser's address bar.</p>
            </xsl:otherwise>
          </xsl:choose>
          <p>
            Prefer the website?
            <a href="{normalize-space(link)}">Read the articles on <xsl:value-of select="$site"/></a>.
          </p>
          <h2>Latest articles</h2>
          <xsl:choose>
            <xsl:when test="item">
              <ol>
                <xsl:apply-templates select="item"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>No articles yet.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="disclaimer">
          <p>{% include "partials/disclaimer-text.html" %}</p>
          {% include "partials/crisis-line.html" %}
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- An item: its title linked to the post, its date and its summary; never its <description>. -->
  <xsl:template match="item">
    <li>
      <h3><a href="{normalize-space(link)}"><xsl:value-of select="normalize-space(title)"/></a></h3>
      <xsl:apply-templates select="pubDate"/>
      <xsl:if test="normalize-space(dcterms:abstract) != ''">
        <p><xsl:value-of select="normalize-space(dcterms:abstract)"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "Sun, 01 Jun 2025 00:00:00 +0000" (what feeds.py writes) as "June 1, 2025"; any other form as it is. -->
  <xsl:template match="pubDate">
    <xsl:variable name="date" select="normalize-space(.)"/>
    <xsl:variable name="month" select="substring($date, 9, 3)"/>
    <xsl:variable name="number" select="string-length(substring-before($months, $month)) div 3 + 1"/>
    <p class="date">
      <xsl:choose>
        <xsl:when test="substring($date, 4, 1) = ',' and string-length($month) = 3 and contains($months, $month)
                        and (string-length(substring-before($months, $month)) mod 3) = 0">
          <xsl:variable name="day" select="number(substring($date, 6, 2))"/>
          <xsl:variable name="year" select="substring($date, 13, 4)"/>
          <time datetime="{$year}-{format-number($number, '00')}-{format-number($day, '00')}">
            <xsl:value-of select="normalize-space(substring($month-names, ($number - 1) * 9 + 1, 9))"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="$day"/>
            <xsl:text>, </xsl:text>
            <xsl:value-of select="$year"/>
          </time>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$date"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
