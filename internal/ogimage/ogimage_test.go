package ogimage

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"
	"testing"
)

var cards = []Card{
	{Site: "The Alaska summit", Title: "Russia", Label: "Actor · 7 demands", Colour: color.RGBA{0xb3, 0x26, 0x1e, 0xff}},
	{Site: "The Alaska summit", Title: "Security guarantees and peacekeeping after a ceasefire, and who would provide them for how long",
		Label: "Topic", Colour: color.RGBA{0x1f, 0x3a, 0x5f, 0xff}},
	{Site: "S", Title: "Averyveryveryveryveryveryveryveryveryveryveryveryveryverylongwordthatcannotwrap and more", Label: "", Colour: color.RGBA{0, 0x69, 0x5c, 0xff}},
	{Site: "S", Title: "", Label: "Home"},
}

// TestPNGDeterministic draws each card twice, with two renderers, and
// wants identical bytes that decode to a 1200×630 image.
func TestPNGDeterministic(t *testing.T) {
	r1, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := NewRenderer()
	seen := map[[32]byte]int{}
	for i, c := range cards {
		a, err := r1.PNG(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := r2.PNG(c)
		again, _ := r1.PNG(c)
		if !bytes.Equal(a, b) || !bytes.Equal(a, again) {
			t.Errorf("card %d: bytes differ between runs", i)
		}
		img, err := png.Decode(bytes.NewReader(a))
		if err != nil {
			t.Fatalf("card %d: %v", i, err)
		}
		if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
			t.Errorf("card %d: bounds %v, want 1200×630", i, got)
		}
		sum := sha256.Sum256(a)
		if j, dup := seen[sum]; dup {
			t.Errorf("cards %d and %d have the same bytes", j, i)
		}
		seen[sum] = i
	}
}

// TestPNGShowsColourAndTitle checks that the card is drawn: the colour band
// on the left, the background, and ink where the title is.
func TestPNGShowsColourAndTitle(t *testing.T) {
	r, _ := NewRenderer()
	c := cards[0]
	b, _ := r.PNG(c)
	img, _ := png.Decode(bytes.NewReader(b))
	at := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
	if got := at(5, 300); got != c.Colour {
		t.Errorf("band: got %v, want %v", got, c.Colour)
	}
	if got := at(600, 30); got != paper {
		t.Errorf("background: got %v, want %v", got, paper)
	}
	inked := 0
	for y := 150; y < 560; y++ {
		for x := margin; x < Width-margin; x++ {
			if at(x, y) == ink {
				inked++
			}
		}
	}
	if inked < 500 {
		t.Errorf("title area has %d ink pixels, want the title drawn", inked)
	}
}

func TestWrap(t *testing.T) {
	r, _ := NewRenderer()
	for _, tt := range []struct {
		title     string
		maxLines  int
		wantFirst float64 // size of the face used
	}{
		{"Russia", 1, 76},
		{"Security guarantees and peacekeeping after a ceasefire, and who would provide them", 3, 64},
		{"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three", 4, 46},
	} {
		lines, f := r.wrap(tt.title, Width-2*margin)
		if len(lines) > tt.maxLines || len(lines) == 0 {
			t.Errorf("%q: %d lines %q, want 1 to %d", tt.title, len(lines), lines, tt.maxLines)
		}
		size := 0.0
		for i, g := range r.titles {
			if g == f {
				size = titleSizes[i]
			}
		}
		if size != tt.wantFirst {
			t.Errorf("%q: size %v, want %v", tt.title, size, tt.wantFirst)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	r, _ := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.PNG(cards[1]); err != nil {
			b.Fatal(err)
		}
	}
}
