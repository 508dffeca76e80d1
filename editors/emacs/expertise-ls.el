;;; expertise-ls.el --- Eglot support for the expertise-ls language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; URL: https://github.com/expertise-ls/expertise-ls

;;; Commentary:

;; Registers expertise-ls with Eglot for the major modes of the languages
;; it analyses (TypeScript, JavaScript, Python, Go, Ruby, YAML), so that
;; M-x eglot, or `eglot-ensure' in a mode hook, starts it.  Its findings
;; (hardcoded secrets, unverified webhooks, undocumented env vars, stale
;; expertise files) show up through Flymake; its quick fixes through
;; `eglot-code-actions'.
;;
;;   (require 'expertise-ls)
;;   (setq expertise-ls-settings '(:diagnostics (:onChange t)
;;                                 :rules (:expertise-too-long "off")))
;;   (add-hook 'python-mode-hook #'eglot-ensure)
;;
;; A directory holding .agileflow is a project root even outside version
;; control, as in the other editors' clients.

;;; Code:

(require 'eglot)
(require 'project)

(defgroup expertise-ls nil
  "The expertise-ls language server."
  :group 'eglot
  :prefix "expertise-ls-")

(defcustom expertise-ls-command '("expertise-ls" "serve")
  "The command that runs the server."
  :type '(repeat string))

(defcustom expertise-ls-settings nil
  "The server's \"expertise-ls\" settings, as a plist.
Sent as initializationOptions, e.g.
  (:diagnostics (:onChange t) :rules (:hardcoded-secret \"error\"))."
  :type 'plist)

(defconst expertise-ls-modes
  '(js-mode js-jsx-mode js-ts-mode typescript-mode typescript-ts-mode tsx-ts-mode
    python-mode python-ts-mode go-mode go-ts-mode ruby-mode ruby-ts-mode
    yaml-mode yaml-ts-mode)
  "Major modes of the files expertise-ls analyses.")

(defclass expertise-ls-server (eglot-lsp-server) ()
  :documentation "An expertise-ls session.")

(cl-defmethod eglot-initialization-options ((_server expertise-ls-server))
  "Send `expertise-ls-settings' as initializationOptions."
  (or expertise-ls-settings eglot--{}))

(defun expertise-ls--contact (&optional _interactive)
  "Eglot's contact for expertise-ls: the class and `expertise-ls-command'."
  (cons 'expertise-ls-server expertise-ls-command))

;; Older Eglot sends one languageId for every buffer of a server; a neutral
;; id makes the server recognise each file's language by its name instead.
(add-to-list 'eglot-server-programs
             (cons (mapcar (lambda (mode) (list mode :language-id "expertise-ls")) expertise-ls-modes)
                   #'expertise-ls--contact))

(defun expertise-ls-project-root (dir)
  "A transient project at the nearest directory above DIR holding .agileflow."
  (when-let ((root (locate-dominating-file dir ".agileflow")))
    (cons 'transient (expand-file-name root))))

;; After version control's own finder, so a Git root still wins.
(add-hook 'project-find-functions #'expertise-ls-project-root 50)

(provide 'expertise-ls)
;;; expertise-ls.el ends here
