#!/usr/bin/env python3
"""Video benchmark (issue 27): how long `showroom build --render-video` takes to render the sample store's
video listings (Content/ with Themes/default) from an empty video cache, per second of video.

Each round builds the store into a fresh output folder with a fresh --video-cache, so every listing is
rendered (workers as in a normal build: one ffmpeg per core). The render time is the build's video step,
read from its --report (timings.videos_seconds); the seconds of video are the rendered MP4s' lengths
(ffprobe). The load average and the CPU time of the build and its ffmpegs are printed with each round:
the machine is shared, ffmpeg gets what the other processes leave, and CPU time says what the
listings cost however busy it was.

    scripts/benchmark/video.py [--showroom .build/release/showroom] [--repeat 1]

Needs ffmpeg (scripts/install-system-packages --video), a font with the sample store's one kanji (Debian/Ubuntu:
fonts-noto-cjk; the build names what is missing) and a release build (swift build -c release --product showroom).
"""
import argparse, glob, json, os, resource, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def video_seconds(output):
    total, files = 0.0, sorted(glob.glob(os.path.join(output, "products", "*", "listing-9x16.mp4")))
    for path in files:
        probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
                               capture_output=True, text=True, check=True)
        total += float(probe.stdout)
    return total, len(files)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build/release/showroom"))
    parser.add_argument("--repeat", type=int, default=1, help="rounds (each renders every listing; the best is reported)")
    args = parser.parse_args()
    for tool in ("ffmpeg", "ffprobe"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: scripts/install-system-packages --video")
    rounds = []
    for round in range(args.repeat):
        scratch = tempfile.mkdtemp(prefix="showroom-video-benchmark-")
        try:
            output, cache, report = (os.path.join(scratch, name) for name in ("Public", "video-cache", "report.json"))
            load = os.getloadavg()[0]
            print(f"round {round + 1} of {args.repeat}: building the sample store with --render-video (load average {load:.2f})…", flush=True)
            started, cpu_before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
            result = subprocess.run([args.showroom, "build", "--quiet", "--render-video", "--video-cache", cache, "--output", output,
                                     "--report", report], cwd=ROOT, capture_output=True, text=True)
            wall = time.monotonic() - started
            cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # The build's and its ffmpegs' CPU time: what the listings cost, however busy the machine was.
            cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
            if result.returncode != 0:
                sys.exit(f"the build failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
            # A binary from before the report had a videos phase: the whole build (pictures come from the cache after round 1).
            render = json.load(open(report))["timings"].get("videos_seconds", wall)
            seconds, listings = video_seconds(output)
            rounds.append(dict(render=render, video=seconds, listings=listings, wall=wall, cpu=cpu, load_before=load, load_after=os.getloadavg()[0]))
            print(f"  {listings} listings, {seconds:.1f} s of video rendered in {render:.1f} s: {render / seconds:.2f} s per second of video "
                  f"(whole build {wall:.1f} s, {cpu:.0f} CPU-seconds = {cpu / seconds:.2f} per second of video; "
                  f"load average after {rounds[-1]['load_after']:.2f})", flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    best = min(rounds, key=lambda r: r["render"])
    print(f"\nVideo listings of the sample store, cold cache, {os.cpu_count()} cores (best of {len(rounds)}): "
          f"{best['listings']} listings, {best['video']:.1f} s of video, rendered in {best['render']:.1f} s = "
          f"{best['render'] / best['video']:.2f} s of rendering per second of video ({best['cpu'] / best['video']:.2f} CPU-seconds per second of video).")


if __name__ == "__main__":
    main()
