import re,sys,statistics as st
from collections import defaultdict
d=defaultdict(list); cpu=defaultdict(list)
for line in open(sys.argv[1]):
    m=re.match(r'(\d+) (\S+) (\S+): (.*)',line)
    if not m: continue
    r,w,peer,rest=m.groups()
    rest=rest.replace(',','')
    v=None
    for pat in [r'\((\d+)/sec\)', r'\((\d+)/s[,)]', r'(\d+) req/s', r'\((\d+)/sec\)', r'([\d.]+) sec \((\d+)/sec\)']:
        mm=re.search(pat,rest)
        if mm: v=float(mm.group(1)); break
    if v is None:
        mm=re.search(r'(\d+) round trips/s|([\d.]+) ([a-z ]+)/s',rest)
    if v is None:
        nums=re.findall(r'([\d.]+) ([a-z]+)/s',rest)
        if nums: v=float(nums[0][0])
    if v is None: print("??",line.strip()); continue
    d[(w,peer)].append(v)
    mc=re.search(r'cpu: ([\d.]+) s user\+system in ([\d.]+) s',rest)
    if mc: cpu[(w,peer)].append(float(mc.group(1))/float(mc.group(2)))
ws=[]
for (w,p) in d:
    if w not in ws: ws.append(w)
for w in ws:
    base=st.median(d[(w,'libuv')])
    for p in ['libuv','selector','pipe','pipe-sleep']:
        if (w,p) not in d: continue
        v=d[(w,p)]; m=st.median(v)
        c=cpu.get((w,p))
        print(f"{w:15s} {p:11s} median {m:>10.0f} ({min(v):.0f}-{max(v):.0f}) {m/base:5.2f}x" + (f"  cores {st.median(c):.2f}" if c else ""))
