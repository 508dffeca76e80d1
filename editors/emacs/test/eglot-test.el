;;; eglot-test.el --- Headless Eglot test of expertise-ls  -*- lexical-binding: t; -*-

;; EXPERTISE_LS_BIN=/path/to/expertise-ls EXPERTISE_WORKSPACE=/copy/of/examples \
;;   emacs --batch -l editors/emacs/test/eglot-test.el
;; Opens files of the workspace copy with Eglot through expertise-ls.el's
;; registration, waits for the server's findings in Flymake, and exits 0, or
;; 1 with a FAIL line.  editors/editors_test.go runs it.

;;; Code:

(require 'cl-lib)
(require 'flymake)
(add-to-list 'load-path (expand-file-name ".." (file-name-directory load-file-name)))
(require 'expertise-ls)

(defconst expertise-test-deadline 30.0 "Seconds any one wait may take.")
(defvar expertise-test-steps 0 "Steps passed so far.")

(defun expertise-test-fail (format-string &rest args)
  "Report a failure built from FORMAT-STRING and ARGS and exit 1."
  (message "FAIL: %s" (apply #'format format-string args))
  (kill-emacs 1))

(defun expertise-test-ok (name)
  "Report step NAME passed."
  (setq expertise-test-steps (1+ expertise-test-steps))
  (message "ok: %s" name))

(defun expertise-test-wait (what probe)
  "Run the event loop until PROBE returns non-nil, at most the deadline; WHAT names it."
  (let ((end (+ (float-time) expertise-test-deadline))
        got)
    (while (and (not (setq got (funcall probe))) (< (float-time) end))
      (accept-process-output nil 0.05))
    (or got (expertise-test-fail "timed out after %ss waiting for %s" expertise-test-deadline what))))

(defun expertise-test-codes ()
  "The codes of the current buffer's Flymake diagnostics, as in \"expertise-ls [code]: message\"."
  (delq nil (mapcar (lambda (d)
                      (let ((text (flymake-diagnostic-text d)))
                        (and (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text))))
                    (flymake-diagnostics))))

(defun expertise-test-open (workspace file code)
  "Visit FILE of WORKSPACE in `js-mode', start Eglot, wait for CODE in Flymake; return the server."
  (find-file (expand-file-name file workspace))
  (js-mode) ; Emacs 28 has no TypeScript mode; the server knows the file by its name
  (unless (eglot-current-server)
    (apply #'eglot (eglot--guess-contact)))
  (let ((server (expertise-test-wait "the Eglot session" #'eglot-current-server)))
    (unless (cl-typep server 'expertise-ls-server)
      (expertise-test-fail "%s is managed by %S, not expertise-ls" file server))
    (flymake-start)
    (expertise-test-wait (format "%s in Flymake on %s" code file)
                         (lambda () (member code (expertise-test-codes))))
    server))

(let ((bin (getenv "EXPERTISE_LS_BIN"))
      (workspace (getenv "EXPERTISE_WORKSPACE")))
  (unless (and bin workspace)
    (expertise-test-fail "set EXPERTISE_LS_BIN and EXPERTISE_WORKSPACE"))
  (setq workspace (file-name-as-directory (expand-file-name workspace)))
  (setq expertise-ls-command (list bin "serve")
        expertise-ls-settings '(:diagnostics (:onChange t))
        eglot-sync-connect t)
  (let ((github (expertise-test-open workspace "src/integrations/webhooks/github.ts" "unverified-webhook")))
    (unless (equal (file-name-as-directory (expand-file-name (project-root (eglot--project github)))) workspace)
      (expertise-test-fail "the project root is %s, want %s" (project-root (eglot--project github)) workspace))
    (expertise-test-ok "unverified-webhook in Flymake for github.ts, rooted at the .agileflow directory")
    (let ((stripe (expertise-test-open workspace "src/integrations/clients/stripe.ts" "hardcoded-secret")))
      (unless (eq stripe github)
        (expertise-test-fail "stripe.ts got a second server"))
      (expertise-test-ok "hardcoded-secret in Flymake for stripe.ts, on the same server"))
    (eglot-shutdown github)
    (when (jsonrpc-running-p github)
      (expertise-test-fail "the server still runs after eglot-shutdown"))
    (expertise-test-ok "the server shuts down")))

(message "emacs: %d steps passed" expertise-test-steps)
(kill-emacs 0)

;;; eglot-test.el ends here
