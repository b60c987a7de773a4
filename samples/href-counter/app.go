// Command app counts the links on a web page and prints the result as JSON.
//
//	url=https://www.alexellis.io/ ./app
//	{"internal":42,"external":7}
//
// A link is internal when it is relative or points at the same host as the
// page, external otherwise.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/html"
)

// Links holds the number of internal and external links found on a page.
type Links struct {
	Internal int `json:"internal"`
	External int `json:"external"`
}

func main() {
	page := os.Getenv("url")
	if page == "" {
		fmt.Fprintln(os.Stderr, "usage: url=https://example.com/ app")
		os.Exit(2)
	}

	links, err := count(page)
	if err != nil {
		fmt.Fprintln(os.Stderr, "href-counter:", err)
		os.Exit(1)
	}

	out, _ := json.Marshal(links)
	fmt.Println(string(out))
}

func count(page string) (Links, error) {
	var links Links

	base, err := url.Parse(page)
	if err != nil {
		return links, err
	}

	res, err := http.Get(page)
	if err != nil {
		return links, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return links, fmt.Errorf("GET %s: %s", page, res.Status)
	}

	doc, err := html.Parse(res.Body)
	if err != nil {
		return links, err
	}

	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, attr := range n.Attr {
				if attr.Key != "href" {
					continue
				}
				if isInternal(base, attr.Val) {
					links.Internal++
				} else {
					links.External++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	return links, nil
}

func isInternal(base *url.URL, href string) bool {
	href = strings.TrimSpace(href)
	if strings.HasPrefix(href, "#") || strings.HasPrefix(href, "mailto:") {
		return true
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return u.Host == "" || strings.EqualFold(u.Host, base.Host)
}
