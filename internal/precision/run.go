package precision

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
)

// Options says what Run measures.
type Options struct {
	Corpus      string  // directory holding each repository's tree at Corpus/<name>
	Bin         string  // the expertise-ls binary
	MinSeverity string  // findings below it are left out
	Only        string  // when not empty, the one repository (by name) to run
	Repos       []Repo  // from repos.yaml
	Labels      []Label // from labels.tsv
	Warn        io.Writer
}

// RepoResult is what check found in one repository.
type RepoResult struct {
	Repo     Repo
	Files    int  // files under the tree, without .git and node_modules
	Verified bool // the checkout's HEAD was seen to be the pinned commit
	Rules    Tallies
}

// Result is one run over the corpus.
type Result struct {
	Repos      []RepoResult
	Rules      Tallies   // over every repository run
	Unlabelled []Finding // findings no label matched
	Gone       []Label   // fp labels no finding matched: the false positive is fixed
	Stale      []Label   // tp labels no finding matched: a true finding was lost, or moved
}

// Run checks each repository of the corpus and judges its findings by the labels.
func Run(ctx context.Context, o Options) (*Result, error) {
	repos, labels, err := selectRepos(o)
	if err != nil {
		return nil, err
	}
	res := &Result{Rules: Tallies{}}
	var all []Finding
	for _, r := range repos {
		dir := filepath.Join(o.Corpus, r.Name)
		verified, err := VerifyCheckout(dir, r)
		if err != nil {
			return nil, err
		}
		if !verified && o.Warn != nil {
			fmt.Fprintf(o.Warn, "precision: %s: no .git in %s, cannot verify it is at %s\n", r.Name, dir, r.Commit)
		}
		files, err := CountFiles(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r.Name, err)
		}
		findings, err := RunCheck(ctx, o.Bin, r.Name, dir, o.MinSeverity)
		if err != nil {
			return nil, err
		}
		res.Repos = append(res.Repos, RepoResult{Repo: r, Files: files, Verified: verified, Rules: Tallies{}})
		all = append(all, findings...)
	}
	byName := map[string]Tallies{}
	for _, rr := range res.Repos {
		byName[rr.Repo.Name] = rr.Rules
	}
	matched, unused := Match(all, labels)
	for i, f := range all {
		byName[f.Repo].add(f.Code, matched[i])
		res.Rules.add(f.Code, matched[i])
		if matched[i] == nil {
			res.Unlabelled = append(res.Unlabelled, f)
		}
	}
	for _, l := range unused {
		if l.Verdict == VerdictFP {
			res.Gone = append(res.Gone, l)
		} else {
			res.Stale = append(res.Stale, l)
		}
	}
	return res, nil
}

// selectRepos returns the repositories to run and their labels, and rejects
// labels of repositories repos.yaml does not name.
func selectRepos(o Options) ([]Repo, []Label, error) {
	known := map[string]bool{}
	var repos []Repo
	for _, r := range o.Repos {
		known[r.Name] = true
		if o.Only == "" || r.Name == o.Only {
			repos = append(repos, r)
		}
	}
	if len(repos) == 0 {
		return nil, nil, fmt.Errorf("--repo %q: no such repository in repos.yaml", o.Only)
	}
	var labels []Label
	for _, l := range o.Labels {
		if !known[l.Repo] {
			return nil, nil, fmt.Errorf("%s: repo %q is not in repos.yaml", l.Source, l.Repo)
		}
		if o.Only == "" || l.Repo == o.Only {
			labels = append(labels, l)
		}
	}
	return repos, labels, nil
}
