# A task's arguments: SEED=1 rake demo:data
task :data do
  seed = ENV["SEED"]
end
