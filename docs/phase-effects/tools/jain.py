import json,sys
for d in sys.argv[1:]:
    s=json.load(open(d+'/summary.json'))
    g=[c['goodputMbps'] for c in s['connections']]
    red=[sum(sf['ssthreshReductions'] for sf in c['subflows']) for c in s['connections']]
    rtx=[sum(sf['retransmits'] for sf in c['subflows']) for c in s['connections']]
    srtt=[c['subflows'][0]['srttMeanMs'] for c in s['connections']]
    j=sum(g)**2/(len(g)*sum(x*x for x in g))
    print(d, ' '.join('%.2f'%x for x in g), 'jain %.3f'%j, 'red',red,'rtx',rtx,'srtt',' '.join('%.1f'%x for x in srtt))
