// Package ogimage draws the share images (Open Graph cards) of a site: a
// 1200×630 PNG with the site's name, a page's title and a label, in a
// colour of its own. It sits beside render in the pipeline: build asks it
// for the bytes of each card, render for the URL a page names in og:image.
//
// The bytes depend only on the Card: the same card gives the same PNG on
// every run and machine (Go fonts built in, fixed compression, no time or
// randomness). Cards are drawn straight into a paletted image, which
// PNG stores a byte a pixel, rows copied whole and not filtered; that keeps a card
// to a few milliseconds, so that hundreds of them add little to a build.
package ogimage

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The size of a card, in pixels: what Open Graph and large Twitter cards
// display without cropping.
const (
	Width  = 1200
	Height = 630
)

// Card is what one share image shows.
type Card struct {
	Site   string // the site's name, at the top
	Title  string // the page's title, large, wrapped to at most four lines
	Label  string // a short line at the bottom ("Actor · 7 demands")
	Colour color.RGBA
}

// Renderer draws cards. It is not safe for concurrent use: font faces keep
// buffers. Use one per goroutine.
type Renderer struct {
	site, label font.Face
	titles      []font.Face // largest first
	enc         png.Encoder
	pix         []uint8 // the canvas, reused between cards
}

// oneBuffer is the png.EncoderBufferPool of one Renderer, which encodes
// one card at a time: it keeps the encoder's state, its deflate writer
// above all (about 1 MB), from one card to the next, instead of
// allocating it for each card.
type oneBuffer struct{ b *png.EncoderBuffer }

func (o *oneBuffer) Get() *png.EncoderBuffer {
	b := o.b
	o.b = nil
	return b
}

func (o *oneBuffer) Put(b *png.EncoderBuffer) { o.b = b }

// titleSizes are the sizes tried for the title, largest first: the first at
// which it fits in three lines is used (four at the smallest).
var titleSizes = []float64{76, 64, 54, 46}

// NewRenderer parses the Go fonts and makes the faces.
func NewRenderer() (*Renderer, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	r := &Renderer{enc: png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &oneBuffer{}}}
	if r.site, err = face(bold, 34); err != nil {
		return nil, err
	}
	if r.label, err = face(reg, 30); err != nil {
		return nil, err
	}
	for _, s := range titleSizes {
		f, err := face(bold, s)
		if err != nil {
			return nil, err
		}
		r.titles = append(r.titles, f)
	}
	return r, nil
}

// The palette: the background, then a ramp of levels from the background
// to ink for the title, then a ramp to the card's colour for the rest.
const (
	levels    = 7
	inkBase   = 1          // inkBase+levels-1 is full ink
	accBase   = 1 + levels // accBase+levels-1 is the full colour
	paperGrey = 0xfb
	margin    = 96
)

var (
	paper = color.RGBA{paperGrey, 0xfa, 0xf7, 0xff}
	ink   = color.RGBA{0x1b, 0x1b, 0x1b, 0xff}
)

func palette(c color.RGBA) color.Palette {
	p := color.Palette{paper}
	for _, to := range []color.RGBA{ink, c} {
		for i := 1; i <= levels; i++ {
			p = append(p, mix(paper, to, i, levels))
		}
	}
	// 17 entries, not 16: image/png copies an 8-bit paletted row whole
	// but packs a 4-bit one pixel by pixel, which is several times slower.
	for len(p) < 17 {
		p = append(p, c)
	}
	return p
}

func mix(a, b color.RGBA, i, n int) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i + n/2) / n) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// PNG draws the card and returns its PNG bytes.
func (r *Renderer) PNG(c Card) ([]byte, error) {
	if r.pix == nil {
		r.pix = make([]uint8, Width*Height)
	}
	clear(r.pix)
	img := &image.Paletted{Pix: r.pix, Stride: Width, Rect: image.Rect(0, 0, Width, Height), Palette: palette(c.Colour)}
	full := uint8(accBase + levels - 1)
	fill(img, image.Rect(0, 0, 24, Height), full)
	fill(img, image.Rect(24, Height-14, Width, Height), full)
	r.text(img, r.site, c.Site, margin, 112, accBase)
	lines, face := r.wrap(c.Title, Width-2*margin)
	lh := face.Metrics().Height.Ceil() * 23 / 20
	y := 150 + (410-len(lines)*lh)/2 + face.Metrics().Ascent.Ceil()
	for _, ln := range lines {
		r.text(img, face, ln, margin, y, inkBase)
		y += lh
	}
	r.text(img, r.label, c.Label, margin, 572, accBase)
	var b bytes.Buffer
	b.Grow(16 << 10)
	if err := r.enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// fill sets every pixel of rect to the palette index.
func fill(img *image.Paletted, rect image.Rectangle, idx uint8) {
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := img.Pix[img.PixOffset(rect.Min.X, y):img.PixOffset(rect.Max.X, y)]
		for i := range row {
			row[i] = idx
		}
	}
}

// text draws s with its baseline at (x, y), each pixel's coverage mapped to
// the ramp that starts at base; a pixel keeps the darker of two glyphs.
func (r *Renderer) text(img *image.Paletted, face font.Face, s string, x, y int, base uint8) {
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, ch := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, ch)
		}
		dr, mask, mp, adv, ok := face.Glyph(dot, ch)
		if !ok {
			dr, mask, mp, adv, _ = face.Glyph(dot, '?')
		}
		if a, isAlpha := mask.(*image.Alpha); isAlpha {
			blit(img, dr.Intersect(img.Rect), a, mp.Sub(dr.Min), base)
		}
		dot.X += adv
		prev = ch
	}
}

// blit copies a glyph's coverage into img as ramp indexes.
func blit(img *image.Paletted, dr image.Rectangle, mask *image.Alpha, off image.Point, base uint8) {
	for y := dr.Min.Y; y < dr.Max.Y; y++ {
		mrow := mask.Pix[mask.PixOffset(dr.Min.X+off.X, y+off.Y):]
		row := img.Pix[img.PixOffset(dr.Min.X, y):img.PixOffset(dr.Max.X, y)]
		for i := range row {
			lv := (int(mrow[i])*levels + 127) / 255
			if lv == 0 {
				continue
			}
			idx := base + uint8(lv) - 1
			if row[i] == 0 || (row[i] >= base && row[i] < base+levels && idx > row[i]) {
				row[i] = idx
			}
		}
	}
}

// wrap breaks the title into lines of at most width pixels, at the largest
// size at which it fits; at the smallest, a fifth line and beyond are cut
// and the fourth ends in an ellipsis.
func (r *Renderer) wrap(s string, width int) ([]string, font.Face) {
	words := strings.Fields(s)
	for i, f := range r.titles {
		lines := breakLines(f, words, width)
		last := i == len(r.titles)-1
		if len(lines) <= 3 || (last && len(lines) <= 4) {
			return lines, f
		}
		if last {
			lines = lines[:4]
			lines[3] = ellipsis(f, lines[3], width)
			return lines, f
		}
	}
	return nil, r.titles[0]
}

func breakLines(f font.Face, words []string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func ellipsis(f font.Face, s string, width int) string {
	for s != "" && font.MeasureString(f, s+"…").Ceil() > width {
		rs := []rune(s)
		s = strings.TrimRight(string(rs[:len(rs)-1]), " ")
	}
	return s + "…"
}
