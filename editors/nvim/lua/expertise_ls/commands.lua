-- :ExpertiseLearning and :ExpertiseCatalogAdd: ask with vim.ui.input, then
-- run the server's command (workspace/executeCommand). The server writes the
-- expertise file back with workspace/applyEdit, which Neovim applies to a
-- buffer; :wall saves it.

local M = {}

--- The server's commands (its executeCommandProvider).
M.server_commands = {
  add_learning = 'expertise.addLearning',
  add_catalog_entry = 'expertise.addCatalogEntry',
}

local function notify(msg, level)
  vim.notify('expertise-ls: ' .. msg, level or vim.log.levels.INFO)
end

--- split_list splits "A, B C" into { 'A', 'B', 'C' }, without empty items or duplicates.
function M.split_list(text)
  local items, seen = {}, {}
  for item in (text or ''):gmatch('[^%s,]+') do
    if not seen[item] then
      seen[item] = true
      table.insert(items, item)
    end
  end
  return items
end

--- learning_args builds expertise.addLearning's argument; file is workspace-relative or nil.
function M.learning_args(insight, context, file)
  local args = { insight = vim.trim(insight) }
  if context and vim.trim(context) ~= '' then
    args.context = vim.trim(context)
  end
  if file and file ~= '' then
    args.files_affected = { file }
  end
  return args
end

--- catalog_args builds expertise.addCatalogEntry's argument, or returns nil and what is wrong.
function M.catalog_args(category, name, env_vars)
  category, name = vim.trim(category or ''), vim.trim(name or '')
  if not category:match('^[%w][%w_-]*$') then
    return nil, string.format("the category must be one word of letters, digits, '-' or '_' (got %q)", category)
  end
  if name == '' then
    return nil, "the integration's name is empty"
  end
  local args = { category = category, name = name }
  local names = M.split_list(env_vars)
  for _, env in ipairs(names) do
    if not env:match('^%u[%u%d_]*$') then
      return nil, string.format('not an environment variable name in UPPER_SNAKE_CASE: %q', env)
    end
  end
  if #names > 0 then
    args.env_vars = names
  end
  return args
end

--- relative_file is bufnr's path relative to root, or nil when it is outside it.
local function relative_file(bufnr, root)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' or not root then
    return nil
  end
  local prefix = root:gsub('/$', '') .. '/'
  if path:sub(1, #prefix) == prefix then
    return path:sub(#prefix + 1)
  end
  return nil
end

--- execute sends workspace/executeCommand with one argument object and reports the outcome.
function M.execute(bufnr, command, args, done)
  local client = require('expertise_ls').client(bufnr)
  if not client then
    notify('no expertise-ls client is running for this buffer; open a file of the workspace first', vim.log.levels.ERROR)
    return
  end
  client.request('workspace/executeCommand', { command = command, arguments = { args } }, function(err)
    if err then
      notify(command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    else
      notify(done)
    end
  end, bufnr)
end

--- learning asks for the insight, then the context, and records the learning.
function M.learning()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.ui.input({ prompt = 'Insight: ' }, function(insight)
    if not insight or vim.trim(insight) == '' then
      return
    end
    vim.ui.input({ prompt = 'Context (optional): ' }, function(context)
      if context == nil then
        return
      end
      local client = require('expertise_ls').client(bufnr)
      local file = client and relative_file(bufnr, client.config.root_dir)
      M.execute(bufnr, M.server_commands.add_learning, M.learning_args(insight, context, file), 'learning recorded')
    end)
  end)
end

--- catalog_add asks for the category, the name and the env vars, and adds the integration.
function M.catalog_add()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.ui.input({ prompt = 'Category (e.g. payment): ' }, function(category)
    if not category or vim.trim(category) == '' then
      return
    end
    vim.ui.input({ prompt = 'Integration name: ' }, function(name)
      if not name or vim.trim(name) == '' then
        return
      end
      vim.ui.input({ prompt = 'Env vars (comma-separated, optional): ' }, function(env_vars)
        if env_vars == nil then
          return
        end
        local args, problem = M.catalog_args(category, name, env_vars)
        if not args then
          notify(problem, vim.log.levels.ERROR)
          return
        end
        M.execute(bufnr, M.server_commands.add_catalog_entry, args, args.name .. ' added to the catalog')
      end)
    end)
  end)
end

--- show_places lists the places of a code lens (the files that use an
--- integration, the learnings that name it) in the quickfix list. The
--- server's lenses carry it as expertise.showPlaces with the arguments
--- (uri, position, locations); vim.lsp.codelens.run() calls it.
function M.show_places(command, ctx)
  local locations = (command.arguments or {})[3]
  if type(locations) ~= 'table' or #locations == 0 then
    return
  end
  local client = ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)
  local items = vim.lsp.util.locations_to_items(locations, client and client.offset_encoding or 'utf-16')
  vim.fn.setqflist({}, ' ', { title = command.title, items = items })
  vim.cmd('copen')
end

--- create defines the user commands and the client-side command of the code lenses.
function M.create()
  vim.lsp.commands['expertise.showPlaces'] = M.show_places
  vim.api.nvim_create_user_command('ExpertiseLearning', M.learning, { desc = 'Record a learning in the expertise file' })
  vim.api.nvim_create_user_command('ExpertiseCatalogAdd', M.catalog_add, { desc = 'Add an integration to the integrations_catalog' })
end

return M
