-- Neovim 0.11+ configuration of expertise-ls, found on 'runtimepath' by
-- vim.lsp.enable('expertise_ls'). Override fields with
-- vim.lsp.config('expertise_ls', { cmd = ..., settings = { ['expertise-ls'] = { ... } } }).
-- The defaults are the plugin's (lua/expertise_ls/init.lua).
local defaults = require('expertise_ls').defaults

return {
  cmd = vim.deepcopy(defaults.cmd),
  filetypes = vim.deepcopy(defaults.filetypes),
  root_markers = vim.deepcopy(defaults.root_markers),
  -- An empty dict, not {}: an empty Lua table is sent as a JSON array.
  settings = { ['expertise-ls'] = vim.empty_dict() },
}
