<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Arabic Reader</source>
        <translation>القارئ العربي</translation>
    </message>
    <message>
        <source>The offline recognizer is a statistical model trained on ANERcorp (Benajiba, Rosso and Benedí Ruiz, CICLing 2007), in the version distributed with CAMeL Tools (Obeid et al., LREC 2020).

ANERcorp is licensed under CC BY-SA 4.0, and so is the model trained on it.</source>
        <translation>أداة التعرّف دون اتصال نموذجٌ إحصائي مدرَّب على مدوّنة ANERcorp (Benajiba وRosso وBenedí Ruiz، مؤتمر CICLing 2007)، بالنسخة الموزَّعة مع أدوات CAMeL Tools (Obeid وآخرون، مؤتمر LREC 2020).

مدوّنة ANERcorp مرخّصة بموجب رخصة CC BY-SA 4.0، وكذلك النموذج المدرَّب عليها.</translation>
    </message>
    <message>
        <source>BERT recognizer: not part of this build.</source>
        <translation>أداة التعرّف BERT: ليست ضمن هذه النسخة.</translation>
    </message>
    <message>
        <source>BERT recognizer: {status}</source>
        <translation>أداة التعرّف BERT: {status}</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>حول {name}</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>الإصدار {version}</translation>
    </message>
    <message>
        <source>Reads Arabic news and highlights people, places, organizations and figures.</source>
        <translation>يقرأ الأخبار العربية ويُبرز الأشخاص والأماكن والمنظمات والأرقام.</translation>
    </message>
    <message>
        <source>Recognizer in use: {name}</source>
        <translation>أداة التعرّف المستخدمة: {name}</translation>
    </message>
    <message>
        <source>No article analyzed yet.</source>
        <translation>لم يُحلَّل أي مقال بعد.</translation>
    </message>
    <message>
        <source>Model license: CC BY-SA 4.0</source>
        <translation>رخصة النموذج: CC BY-SA 4.0</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>حول Qt</translation>
    </message>
</context>
</TS>
