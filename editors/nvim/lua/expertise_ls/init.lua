-- expertise-ls for Neovim: starts the server for the analysed filetypes and
-- yaml, one client per workspace root (the nearest directory holding
-- .agileflow or .git), and defines :ExpertiseLearning and
-- :ExpertiseCatalogAdd. Works on Neovim 0.7 (vim.lsp.start_client and
-- vim.lsp.buf_attach_client) and uses vim.lsp.start where it exists (0.8+).
-- See :help expertise_ls.

local M = {}

--- The client's name, as vim.lsp and the lsp/expertise_ls.lua config know it.
M.name = 'expertise_ls'

--- The settings section the server reads.
M.section = 'expertise-ls'

--- Defaults of setup(); lsp/expertise_ls.lua returns the same values.
M.defaults = {
  cmd = { 'expertise-ls', 'serve' },
  filetypes = { 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'ruby', 'yaml' },
  root_markers = { '.agileflow', '.git' },
  settings = {},
}

local options = nil -- set by setup()
local clients_by_root = {} -- Neovim 0.7: root directory -> client id

--- prune returns a copy of settings without empty tables, or nil when nothing is left.
--- An empty Lua table is sent as a JSON array, which the server would reject.
function M.prune(value)
  if type(value) ~= 'table' then
    return value
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = M.prune(v)
  end
  if next(out) == nil then
    return nil
  end
  return out
end

--- find_root returns the nearest directory at or above path's directory that
--- holds one of markers, or path's own directory when none does.
function M.find_root(path, markers)
  local start = vim.fn.fnamemodify(path, ':p:h')
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

--- refresh_lenses shows the server's code lenses in bufnr (webhook handlers
--- verified or not, catalog entries' uses) and keeps them current on enter
--- and after each write; opts.codelens = false turns them off.
function M.refresh_lenses(client, bufnr)
  local opts = options or M.defaults
  if opts.codelens == false or not (client.server_capabilities or client.resolved_capabilities or {}).codeLensProvider then
    return
  end
  vim.lsp.codelens.refresh()
  vim.api.nvim_create_autocmd({ 'BufEnter', 'BufWritePost', 'InsertLeave' }, {
    group = vim.api.nvim_create_augroup('expertise_ls_lenses_' .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = function()
      vim.lsp.codelens.refresh()
    end,
  })
end

--- client_config is the vim.lsp configuration for a root.
function M.client_config(opts, root)
  local settings = M.prune(opts.settings)
  return {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = settings,
    settings = { [M.section] = settings },
    capabilities = opts.capabilities,
    on_attach = function(client, bufnr)
      M.refresh_lenses(client, bufnr)
      if opts.on_attach then
        opts.on_attach(client, bufnr)
      end
    end,
  }
end

local function notify(msg, level)
  vim.notify('expertise-ls: ' .. msg, level or vim.log.levels.ERROR)
end

--- attach starts (or reuses) the client for bufnr's root and attaches it.
function M.attach(bufnr)
  local opts = options or M.defaults
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return
  end
  local root = M.find_root(name, opts.root_markers)
  local config = M.client_config(opts, root)
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    if not id then
      notify('could not start ' .. table.concat(opts.cmd, ' '))
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

--- client returns the expertise_ls client attached to bufnr, else the only one running.
function M.client(bufnr)
  local all = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  local ours = {}
  for _, c in ipairs(all) do
    if c.name == M.name then
      if c.attached_buffers[bufnr] then
        return c
      end
      table.insert(ours, c)
    end
  end
  if #ours == 1 then
    return ours[1]
  end
  return nil
end

--- setup configures the plugin: opts.cmd, opts.settings (the "expertise-ls"
--- section), opts.filetypes, opts.root_markers, opts.on_attach, opts.capabilities.
function M.setup(opts)
  options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if opts and opts[key] then
      options[key] = opts[key] -- a list replaces the default instead of merging into it by index
    end
  end
  if vim.fn.executable(options.cmd[1]) ~= 1 then
    notify(
      string.format(
        "'%s' is not executable: install it (go install github.com/expertise-ls/expertise-ls/cmd/expertise-ls@latest) or pass cmd = { '/path/to/expertise-ls', 'serve' } to setup()",
        options.cmd[1]
      )
    )
    return
  end
  local group = vim.api.nvim_create_augroup('expertise_ls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
  require('expertise_ls.commands').create()
end

return M
