-- Headless end-to-end test of the plugin against the real server:
--   EXPERTISE_LS_BIN=/path/to/expertise-ls EXPERTISE_WORKSPACE=/copy/of/examples \
--     nvim --headless -u editors/nvim/test/init.lua
-- It opens files of the workspace copy, waits (vim.wait) for the server's
-- diagnostics, applies the secret's quick fix through vim.lsp.buf.code_action,
-- applies two "Document X in .env.example" fixes in a row with :wall and a save
-- of the source between them (no file watching in Neovim 0.7),
-- and runs :ExpertiseLearning and :ExpertiseCatalogAdd with vim.ui.input
-- answered by the test, hovers on the stripe import, completes env var
-- names after process.env., follows a
-- files_affected path with vim.lsp.buf.definition and reads the expertise
-- outline, and runs the Stripe catalog entry's code lens. Any failure ends
-- Neovim with `cquit 1` and a message on stderr; success quits with status 0. editors/editors_test.go runs it.

local plugin = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')
vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.shortmess:append('F')

local DEADLINE_MS = 30000
local bin = os.getenv('EXPERTISE_LS_BIN') or ''
local ws = os.getenv('EXPERTISE_WORKSPACE') or ''
local STRIPE = ws .. '/src/integrations/clients/stripe.ts'
local GITHUB = ws .. '/src/integrations/webhooks/github.ts'
local TWILIO = ws .. '/src/integrations/clients/twilio.ts'
local ENV_EXAMPLE = ws .. '/.env.example'
local EXPERTISE = ws .. '/.agileflow/experts/integrations/expertise.yaml'

local log = {} -- vim.notify messages, shown on failure
vim.notify = function(msg)
  table.insert(log, tostring(msg))
end

local function say(line)
  io.stderr:write(line .. '\n')
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

--- wait_for polls probe (vim.wait runs the event loop meanwhile) until it returns a value.
local function wait_for(what, probe)
  local got
  local ok = vim.wait(DEADLINE_MS, function()
    got = probe()
    return got ~= nil and got ~= false
  end, 20)
  check(ok, 'timed out after ' .. DEADLINE_MS .. ' ms waiting for ' .. what)
  return got
end

local function read_file(path)
  local f = assert(io.open(path, 'r'))
  local text = f:read('*a')
  f:close()
  return text
end

--- text is a file's text as the editor holds it: its buffer when loaded, else the disk.
local function text(path)
  local bufnr = vim.fn.bufnr(path)
  if bufnr ~= -1 and vim.api.nvim_buf_is_loaded(bufnr) then
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end
  return read_file(path)
end

local function diagnostic(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return d
    end
  end
  return nil
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, tostring(d.code))
  end
  return table.concat(out, ', ')
end

local function our_clients()
  local out = {}
  for _, c in ipairs(vim.lsp.get_active_clients()) do
    if c.name == 'expertise_ls' then
      table.insert(out, c)
    end
  end
  return out
end

--- edit_attached edits path and waits until expertise_ls serves its buffer.
local function edit_attached(path)
  vim.cmd('edit ' .. path)
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for('expertise_ls attached to ' .. path, function()
    return #vim.lsp.get_active_clients({ bufnr = bufnr }) > 0 or nil
  end)
  return bufnr
end

local function count(haystack, pattern)
  local n = 0
  for _ in haystack:gmatch(pattern) do
    n = n + 1
  end
  return n
end

--- answer_inputs makes vim.ui.input answer with answers, in order, and records the prompts.
local function answer_inputs(answers)
  local prompts = {}
  vim.ui.input = function(opts, on_confirm)
    table.insert(prompts, opts.prompt)
    on_confirm(table.remove(answers, 1))
  end
  return prompts
end

--- apply_code_action puts the cursor on diagnostic d and runs vim.lsp.buf.code_action,
--- choosing the first action whose title starts with prefix (a Lua pattern).
local function apply_code_action(d, prefix)
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local offered, chosen, shown = {}, nil, false
  vim.ui.select = function(items, opts, on_choice)
    shown = true
    for i, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(offered, title)
      if not chosen and title:match('^' .. prefix) then
        chosen = title
        on_choice(item, i)
        return
      end
    end
    on_choice(nil, nil)
  end
  local notices = #log
  if vim.fn.has('nvim-0.8') == 1 then
    vim.lsp.buf.code_action({ context = { only = { 'quickfix' } } })
  else
    vim.lsp.buf.code_action({ only = { 'quickfix' } })
  end
  wait_for('the code action menu', function()
    return shown or #log > notices -- Neovim says why it shows no menu
  end)
  check(chosen, 'no "' .. prefix .. '" among: ' .. table.concat(offered, ' | '))
end

--- missing_env returns the missing-env-var diagnostic of bufnr naming env.
local function missing_env(bufnr, env)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'missing-env-var' and d.message:find(env, 1, true) then
      return d
    end
  end
  return nil
end

local secret -- the hardcoded Stripe key, read from the file
local stripe_buf

local steps = {
  {
    'the plugin finds roots and ships an lsp/ config and a help file',
    function()
      local els = require('expertise_ls')
      check(els.find_root(STRIPE, els.defaults.root_markers) == ws, 'find_root(stripe.ts) is not the workspace copy')
      local config = dofile(plugin .. '/lsp/expertise_ls.lua')
      check(config.cmd[1] == 'expertise-ls' and config.cmd[2] == 'serve', 'lsp/expertise_ls.lua: cmd')
      check(vim.tbl_contains(config.filetypes, 'yaml') and vim.tbl_contains(config.filetypes, 'typescript'), 'lsp/expertise_ls.lua: filetypes')
      check(vim.tbl_contains(config.root_markers, '.agileflow'), 'lsp/expertise_ls.lua: root_markers')
      check(vim.fn.json_encode(config.settings) == '{"expertise-ls": {}}', 'lsp/expertise_ls.lua: settings encode as ' .. vim.fn.json_encode(config.settings))
      -- :helptags fails on a duplicate tag; run it on a copy so doc/ gets no tags file.
      local doc = vim.fn.tempname()
      vim.fn.mkdir(doc, 'p')
      vim.fn.writefile(vim.fn.readfile(plugin .. '/doc/expertise_ls.txt'), doc .. '/expertise_ls.txt')
      vim.cmd('helptags ' .. vim.fn.fnameescape(doc))
      local tags = table.concat(vim.fn.readfile(doc .. '/tags'), '\n')
      for _, tag in ipairs({ 'expertise_ls.setup()', ':ExpertiseLearning', ':ExpertiseCatalogAdd', 'expertise_ls-settings' }) do
        check(tags:find(tag, 1, true), 'doc/expertise_ls.txt has no tag ' .. tag)
      end
    end,
  },
  {
    'command arguments and settings are built as the server expects',
    function()
      local cmds, els = require('expertise_ls.commands'), require('expertise_ls')
      local cases = {
        { cmds.split_list(' A, B  A,,C '), { 'A', 'B', 'C' } },
        { cmds.learning_args(' x ', '  ', nil), { insight = 'x' } },
        { cmds.learning_args('x', ' US-1 ', 'src/a.ts'), { insight = 'x', context = 'US-1', files_affected = { 'src/a.ts' } } },
        { cmds.catalog_args(' sms ', ' Twilio ', 'TWILIO_SID, TWILIO_TOKEN'), { category = 'sms', name = 'Twilio', env_vars = { 'TWILIO_SID', 'TWILIO_TOKEN' } } },
        { cmds.catalog_args('email', 'Postmark', ''), { category = 'email', name = 'Postmark' } },
        { els.prune({ rules = {}, diagnostics = { onChange = true }, index = { exclude = {} } }), { diagnostics = { onChange = true } } },
        { els.prune({ rules = {} }), nil },
      }
      for i, c in ipairs(cases) do
        check(vim.deep_equal(c[1], c[2]), string.format('case %d: got %s, want %s', i, vim.inspect(c[1]), vim.inspect(c[2])))
      end
      local rejected = {
        { { 'two words', 'X', '' }, 'one word' },
        { { 'sms', '  ', '' }, 'name is empty' },
        { { 'sms', 'X', 'GOOD, 1BAD' }, '1BAD' },
        { { 'sms', 'X', 'GOOD, twilio_sid' }, 'twilio_sid' },
      }
      for _, r in ipairs(rejected) do
        local args, problem = cmds.catalog_args(unpack(r[1]))
        check(args == nil and problem and problem:find(r[2], 1, true), 'catalog_args' .. vim.inspect(r[1]) .. ' gave ' .. vim.inspect({ args, problem }))
      end
    end,
  },
  {
    'hardcoded-secret appears in vim.diagnostic for stripe.ts',
    function()
      vim.cmd('edit ' .. vim.fn.fnameescape(STRIPE))
      stripe_buf = vim.api.nvim_get_current_buf()
      secret = text(STRIPE):match('sk_live_%w+') or text(STRIPE):match('sk_test_%w+')
      check(secret, 'stripe.ts holds no Stripe key')
      local d = wait_for('hardcoded-secret on stripe.ts (have: ' .. codes(stripe_buf) .. ')', function()
        return diagnostic(stripe_buf, 'hardcoded-secret')
      end)
      check(not d.message:find(secret:sub(1, 12), 1, true), 'the diagnostic reveals the secret: ' .. d.message)
    end,
  },
  {
    'unverified-webhook appears for github.ts, on the same client',
    function()
      vim.cmd('edit ' .. vim.fn.fnameescape(GITHUB))
      local buf = vim.api.nvim_get_current_buf()
      wait_for('unverified-webhook on github.ts (have: ' .. codes(buf) .. ')', function()
        return diagnostic(buf, 'unverified-webhook')
      end)
      local clients = our_clients()
      check(#clients == 1, 'want one expertise_ls client for the root, have ' .. #clients)
      check(clients[1].attached_buffers[buf] and clients[1].attached_buffers[stripe_buf], 'the client is not attached to both buffers')
      check(clients[1].config.root_dir == ws, 'client root is ' .. tostring(clients[1].config.root_dir))
    end,
  },
  {
    'the quick fix moves the secret to STRIPE_API_KEY',
    function()
      vim.api.nvim_set_current_buf(stripe_buf)
      local d = diagnostic(stripe_buf, 'hardcoded-secret')
      check(d, 'the hardcoded-secret diagnostic is gone before the fix')
      apply_code_action(d, 'Move to environment variable STRIPE_API_KEY')
      wait_for('process.env.STRIPE_API_KEY in stripe.ts', function()
        return text(STRIPE):find('process.env.STRIPE_API_KEY', 1, true)
      end)
      check(not text(STRIPE):find(secret, 1, true), 'stripe.ts still holds the secret')
    end,
  },
  {
    '.env.example documents STRIPE_API_KEY once, without a value',
    function()
      vim.cmd('silent wall')
      local env = read_file(ENV_EXAMPLE)
      check(count('\n' .. env, '\nSTRIPE_API_KEY=') == 1, '.env.example has STRIPE_API_KEY= ' .. count('\n' .. env, '\nSTRIPE_API_KEY=') .. ' times:\n' .. env)
      check(('\n' .. env .. '\n'):find('\nSTRIPE_API_KEY=\n', 1, true), '.env.example gives STRIPE_API_KEY a value:\n' .. env)
      check(not env:find(secret:sub(1, 12), 1, true), '.env.example holds the secret')
      check(read_file(STRIPE):find('process.env.STRIPE_API_KEY', 1, true), 'stripe.ts on disk was not saved')
      wait_for('hardcoded-secret to go away after the fix (have: ' .. codes(stripe_buf) .. ')', function()
        return diagnostic(stripe_buf, 'hardcoded-secret') == nil
      end)
    end,
  },
  {
    '"Document X in .env.example", save all, save the source: the finding is gone; then the second fix',
    function()
      -- Neovim before 0.9 sends no didChangeWatchedFiles, and .env.example is not a buffer the
      -- client attaches the server to: the server must see the saved file by itself.
      vim.cmd('edit ' .. vim.fn.fnameescape(TWILIO))
      local buf = vim.api.nvim_get_current_buf()
      local envs = { 'TWILIO_PHONE_NUMBER', 'TWILIO_AUTH_TOKEN' }
      wait_for('missing-env-var for both on twilio.ts (have: ' .. codes(buf) .. ')', function()
        return missing_env(buf, envs[1]) and missing_env(buf, envs[2])
      end)
      for i, env in ipairs(envs) do
        apply_code_action(missing_env(buf, env), 'Document ' .. env .. ' in %.env%.example')
        wait_for(env .. ' in the .env.example buffer', function()
          return text(ENV_EXAMPLE):find('\n' .. env .. '=', 1, true)
        end)
        vim.cmd('silent wall')
        vim.cmd('silent write')
        wait_for(env .. "'s finding to go after saving (have: " .. codes(buf) .. ')', function()
          return missing_env(buf, env) == nil
        end)
        if i == 1 then
          check(missing_env(buf, envs[2]), envs[2] .. "'s finding went too, before its fix")
        end
      end
      local env = read_file(ENV_EXAMPLE)
      for _, name in ipairs(envs) do
        check(count('\n' .. env, '\n' .. name .. '=') == 1, '.env.example has ' .. name .. '= ' .. count('\n' .. env, '\n' .. name .. '=') .. ' times:\n' .. env)
      end
      check(env:find('SLACK_SIGNING_SECRET=', 1, true) and env:find('STRIPE_API_KEY=', 1, true), '.env.example lost lines:\n' .. env)
    end,
  },
  {
    ':ExpertiseLearning records the learning',
    function()
      local insight = 'GitHub deploy hooks must check X-Hub-Signature-256 (nvim)'
      local before = count(read_file(EXPERTISE), '\n%s*%-?%s*insight:')
      local prompts = answer_inputs({ insight, 'nvim headless test' })
      vim.cmd('ExpertiseLearning')
      check(#prompts == 2 and prompts[1]:match('Insight') and prompts[2]:match('Context'), 'prompts: ' .. vim.inspect(prompts))
      wait_for('the insight in the expertise file', function()
        return text(EXPERTISE):find(insight, 1, true)
      end)
      vim.cmd('silent wall')
      local after = read_file(EXPERTISE)
      local learnings = after:sub((after:find('\nlearnings:', 1, true) or 1))
      check(learnings:find(insight, 1, true), 'the insight is not under learnings:\n' .. learnings)
      check(learnings:find(os.date('%Y-%m-%d'), 1, true), 'the learning is not dated today:\n' .. learnings)
      check(count(after, '\n%s*%-?%s*insight:') == before + 1, 'want one more learning')
    end,
  },
  {
    ':ExpertiseCatalogAdd adds the integration to the catalog',
    function()
      answer_inputs({ 'analytics', 'Segment', 'SEGMENT_WRITE_KEY' })
      vim.cmd('ExpertiseCatalogAdd')
      wait_for('Segment in the expertise file', function()
        return text(EXPERTISE):find('Segment', 1, true)
      end)
      vim.cmd('silent wall')
      local after = read_file(EXPERTISE)
      local catalog = after:sub((after:find('\nintegrations_catalog:', 1, true) or 1))
      check(catalog:find('\n  analytics:', 1, true), 'no analytics category in the catalog:\n' .. catalog)
      check(catalog:find('SEGMENT_WRITE_KEY', 1, true), 'SEGMENT_WRITE_KEY is not in the catalog:\n' .. catalog)
    end,
  },
  {
    'hover on the stripe import shows its catalog entry',
    function()
      local bufnr = edit_attached(STRIPE)
      local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 0, character = 20 } }
      local value = wait_for('a hover from expertise_ls', function()
        for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, DEADLINE_MS) or {}) do
          if r.result and r.result.contents and r.result.contents.value then
            return r.result.contents.value
          end
        end
      end)
      check(value:find('**Stripe** (payment) in the integrations catalog', 1, true), 'hover:\n' .. value)
      check(value:find('NEVER hardcode API keys', 1, true), 'no conventions in the hover:\n' .. value)
      check(not value:find('sk_live_', 1, true), 'a secret in the hover')
    end,
  },
  {
    'completion offers the catalog env vars after process.env.',
    function()
      local bufnr = edit_attached(STRIPE)
      local last = vim.api.nvim_buf_line_count(bufnr)
      vim.api.nvim_buf_set_lines(bufnr, last, last, false, { 'const typed = process.env.' })
      local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = last, character = #'const typed = process.env.' } }
      local labels = wait_for('completions from expertise_ls', function()
        for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, DEADLINE_MS) or {}) do
          local items = r.result and (r.result.items or r.result) or {}
          if #items > 0 then
            local out = {}
            for _, it in ipairs(items) do
              table.insert(out, it.label)
            end
            return out
          end
        end
      end)
      check(vim.tbl_contains(labels, 'STRIPE_WEBHOOK_SECRET'), 'no STRIPE_WEBHOOK_SECRET among ' .. table.concat(labels, ', '))
      vim.api.nvim_buf_set_lines(bufnr, last, last + 1, false, {})
    end,
  },
  {
    'go to definition from a files_affected path, and the outline of the expertise file',
    function()
      local bufnr = edit_attached(EXPERTISE)
      local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
      local row, col
      for i, l in ipairs(lines) do
        local c = l:find('files_affected: [src/integrations/webhooks/stripe.ts', 1, true)
        if c then
          row, col = i, l:find('src/', c, true) + 2
          break
        end
      end
      check(row, 'no files_affected line in the expertise buffer')
      local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, DEADLINE_MS)
      local names = {}
      for _, r in pairs(symbols or {}) do
        for _, sec in ipairs(r.result or {}) do
          if sec.name == 'integrations_catalog' then
            for _, cat in ipairs(sec.children or {}) do
              for _, e in ipairs(cat.children or {}) do
                table.insert(names, cat.name .. '/' .. e.name)
              end
            end
          end
        end
      end
      check(vim.tbl_contains(names, 'payment/Stripe'), 'no payment/Stripe in the outline: ' .. table.concat(names, ', '))
      vim.api.nvim_win_set_cursor(0, { row, col - 1 })
      vim.lsp.buf.definition()
      wait_for('the jump to src/integrations/webhooks/stripe.ts', function()
        return vim.api.nvim_buf_get_name(0):find('/src/integrations/webhooks/stripe%.ts$') ~= nil or nil
      end)
    end,
  },
  {
    'code lenses: the Stripe catalog entry lists the files that use it in the quickfix list',
    function()
      local bufnr = edit_attached(EXPERTISE)
      local row
      for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
        if l:find('- name: Stripe', 1, true) then
          row = i
          break
        end
      end
      check(row, 'no Stripe entry in the expertise buffer')
      vim.lsp.codelens.refresh()
      wait_for('a "used in" lens on the Stripe entry', function()
        for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
          if lens.range.start.line == row - 1 and lens.command and lens.command.title:find('^used in') then
            return true
          end
        end
      end)
      local select = vim.ui.select
      vim.ui.select = function(items, _, on_choice) -- several lenses on the line: take "used in"
        for i, item in ipairs(items) do
          if (item.command and item.command.title or ''):find('^used in') then
            return on_choice(item, i)
          end
        end
        on_choice(items[1], 1)
      end
      vim.api.nvim_win_set_cursor(0, { row, 10 })
      vim.lsp.codelens.run()
      vim.ui.select = select
      local files = wait_for('the quickfix list of the places', function()
        local names = {}
        for _, item in ipairs(vim.fn.getqflist()) do
          table.insert(names, vim.api.nvim_buf_get_name(item.bufnr))
        end
        return #names > 0 and names or nil
      end)
      check(vim.tbl_contains(files, STRIPE), 'stripe.ts is not among the places: ' .. table.concat(files, ', '))
      vim.cmd('cclose')
    end,
  },
  {
    'the client stops',
    function()
      for _, c in ipairs(our_clients()) do
        c.stop()
      end
      wait_for('the expertise_ls client to stop', function()
        return #our_clients() == 0
      end)
    end,
  },
}

local function run()
  if bin == '' or ws == '' then
    say('FAIL: set EXPERTISE_LS_BIN and EXPERTISE_WORKSPACE')
    vim.cmd('cquit 1')
  end
  require('expertise_ls').setup({ cmd = { bin, 'serve' }, settings = { diagnostics = { onChange = true }, rules = {} } })
  for _, step in ipairs(steps) do
    local ok, err = xpcall(step[2], debug.traceback)
    if not ok then
      say('FAIL: ' .. step[1] .. ': ' .. tostring(err))
      if #log > 0 then
        say('messages:\n  ' .. table.concat(log, '\n  '))
      end
      vim.cmd('cquit 1')
    end
    say('ok: ' .. step[1])
  end
  say(string.format('nvim: %d steps passed', #steps))
  vim.cmd('qall!')
end

vim.schedule(run)
